package io.crystalbus.message;

/** How a wager ended. */
public enum Outcome {
    WIN, LOSS, PUSH, VOID
}
