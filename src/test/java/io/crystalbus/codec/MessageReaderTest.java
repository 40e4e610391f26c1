package io.crystalbus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.crystalbus.message.InvalidMessageException;
import io.crystalbus.message.Outcome;
import io.crystalbus.message.Violation;
import io.crystalbus.message.WagerSettled;
import io.crystalbus.support.TestSettings;
import io.crystalbus.support.Wagers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class MessageReaderTest {
    private final MessageReader reader = new MessageReader(new Mappers(TestSettings.codecLimits()));

    private List<WagerSettled> json(String body) {
        return reader.readItems(body.getBytes(StandardCharsets.UTF_8), WireFormat.JSON, WagerSettled.class);
    }

    private List<WagerSettled> yaml(String body) {
        return reader.readItems(body.getBytes(StandardCharsets.UTF_8), WireFormat.YAML, WagerSettled.class);
    }

    private static Violation violationOf(ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidMessageException.class);
        return ((InvalidMessageException) thrown).violations().get(0);
    }

    @Test
    void readsOneObjectOrAListInJsonAndYaml() {
        assertThat(json(Wagers.winJson("W-1", "C-1"))).singleElement().extracting(WagerSettled::outcome).isEqualTo(Outcome.WIN);
        assertThat(json("[" + Wagers.winJson("W-1", "C-1") + "," + Wagers.winJson("W-2", "C-1") + "]")).hasSize(2);
        assertThat(yaml(Wagers.winYaml("W-1", "C-1"))).singleElement().extracting(WagerSettled::payout).isEqualTo(2500L);
        String list = "- " + Wagers.winYaml("W-1", "C-1").replace("\n", "\n  ").trim() + "\n- "
                + Wagers.winYaml("W-2", "C-1").replace("\n", "\n  ").trim() + "\n";
        assertThat(yaml(list)).extracting(WagerSettled::wagerId).containsExactly("W-1", "W-2");
    }

    @Test
    void malformedJsonNamesTheProblemAndWhere() {
        Violation v = violationOf(() -> json("{\"wagerId\": \"W-1\", "));
        assertThat(v.field()).isEqualTo("body");
        assertThat(v.rule()).startsWith("is not valid JSON").contains("line 1");
    }

    @Test
    void malformedYaml() {
        Violation v = violationOf(() -> yaml("wagerId: \"W-1\nstake: 5\n"));
        assertThat(v.rule()).startsWith("is not valid YAML");
    }

    @Test
    void wrongTypesAreNotCoerced() {
        assertThat(violationOf(() -> json("{\"stake\": \"1000\"}")).field()).isEqualTo("stake");
        assertThat(violationOf(() -> json("{\"stake\": 10.5}")).rule()).contains("whole number");
        assertThat(violationOf(() -> json("{\"freePlay\": 1}")).rule()).isEqualTo("must be true or false");
        assertThat(violationOf(() -> json("{\"settledAt\": \"yesterday\"}")).rule()).contains("ISO-8601");
        assertThat(violationOf(() -> json("[{}, {\"wagerId\": {\"a\": 1}}]")).field()).isEqualTo("[1].wagerId");
    }

    @Test
    void unknownOutcomeListsTheAllowedValues() {
        Violation v = violationOf(() -> json("{\"outcome\": \"DRAW\"}"));
        assertThat(v.field()).isEqualTo("outcome");
        assertThat(v.value()).isEqualTo("DRAW");
        assertThat(v.rule()).isEqualTo("must be one of WIN, LOSS, PUSH, VOID");
    }

    @Test
    void numbersBeyondLongAreRefused() {
        Violation v = violationOf(() -> json("{\"stake\": 99999999999999999999999}"));
        assertThat(v.toString()).contains("stake").containsIgnoringCase("range");
    }

    @Test
    void emptyBodiesAndEmptyListsAreRefused() {
        assertThat(violationOf(() -> json("")).rule()).contains("one message");
        assertThat(violationOf(() -> json("  \n")).rule()).contains("one message");
        assertThat(violationOf(() -> json("[]")).rule()).isEqualTo("must hold at least one message");
        assertThat(violationOf(() -> json("[null]")).field()).isEqualTo("[0]");
        assertThat(violationOf(() -> json("42")).rule()).contains("object or a list");
    }

    @Test
    void duplicateKeysAreRefusedInBothFormats() {
        assertThat(violationOf(() -> json("{\"stake\": 1, \"stake\": 2}")).rule()).containsIgnoringCase("duplicate");
        assertThat(violationOf(() -> yaml("stake: 1\nstake: 2\n")).rule()).containsIgnoringCase("duplicate");
    }

    @Test
    void trailingContentIsRefused() {
        assertThat(violationOf(() -> json(Wagers.winJson("W-1", "C-1") + " {}")).field()).isEqualTo("body");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"extra\": " + "[".repeat(100) + "]".repeat(100) + "}";
        assertThat(violationOf(() -> json(deep)).rule()).containsIgnoringCase("depth");
    }

    @Test
    void tooManyItemsAreRefused() {
        MessageReader small = new MessageReader(new Mappers(new CodecLimits(1 << 20, 32, 1000, 2)));
        String three = "[{},{},{}]";
        assertThatThrownBy(() -> small.readItems(three.getBytes(StandardCharsets.UTF_8), WireFormat.JSON, WagerSettled.class))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("at most 2 messages");
    }

    @Test
    void aYamlAliasBombIsRejectedFast() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
        }
        Violation v = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> violationOf(() -> yaml(bomb.toString())));
        assertThat(v.rule()).contains("alias");
    }

    @Test
    void anAliasNeverStandsInForAValue() {
        String aliased = Wagers.winYaml("W-1", "C-1").replace("customerId: C-1", "customerId: *c").replace("agentId: A-7", "agentId: &c A-7");
        Violation v = violationOf(() -> yaml(aliased));
        assertThat(v.value()).isEqualTo("*c");
    }

    /** Counts instances: a YAML tag naming this class must never construct one. */
    public static final class Canary {
        static final AtomicInteger CREATED = new AtomicInteger();

        public Canary() {
            CREATED.incrementAndGet();
        }
    }

    @Test
    void yamlTagsNeverConstructJavaTypes() {
        String tagged = "wagerId: !!io.crystalbus.codec.MessageReaderTest$Canary {}\n"
                + "customerId: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> yaml(tagged));
        assertThat(thrown).isInstanceOf(InvalidMessageException.class);
        assertThat(Canary.CREATED).hasValue(0);
    }

    @Test
    void contentTypesAreRecognisedWithParameters() {
        assertThat(WireFormat.forContentType("application/json; charset=UTF-8")).isEqualTo(WireFormat.JSON);
        assertThat(WireFormat.forContentType("application/x-yaml")).isEqualTo(WireFormat.YAML);
        assertThat(WireFormat.forContentType("TEXT/YAML")).isEqualTo(WireFormat.YAML);
        assertThat(WireFormat.forContentType("text/plain")).isNull();
    }
}
