package io.crystalbus.message;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every message type the bus carries, with its wire name and Java class. */
public enum MessageType {
    WAGER_SETTLED("wager.settled", WagerSettled.class),
    BALANCE_ADJUST("balance.adjust", BalanceAdjust.class),
    BALANCE_CHANGED("balance.changed", BalanceChanged.class),
    FREEPLAY("freeplay", FreePlayCommand.class),
    COMMISSION_ACCRUED("commission.accrued", CommissionAccrued.class),
    COLLECTION_RECEIVED("collection.received", CollectionReceived.class),
    DISTRIBUTION_RUN("distribution.run", DistributionRunRequest.class),
    DISTRIBUTION_PAYOUT("distribution.payout", DistributionPayout.class),
    SETTLEMENT_COMPLETED("settlement.completed", SettlementCompleted.class);

    private static final Map<String, MessageType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_JAVA_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::javaType, Function.identity()));

    private final String wireName;
    private final Class<?> javaType;

    MessageType(String wireName, Class<?> javaType) {
        this.wireName = wireName;
        this.javaType = javaType;
    }

    public String wireName() {
        return wireName;
    }

    public Class<?> javaType() {
        return javaType;
    }

    /** The type of a wire name; free-play commands are named {@code freeplay.<action>}. */
    public static MessageType of(String wireName) {
        MessageType type = BY_NAME.get(wireName);
        if (type == null && wireName != null && wireName.startsWith("freeplay.")) {
            return FREEPLAY;
        }
        if (type == null) {
            throw new IllegalArgumentException("unknown message type '" + wireName + "'");
        }
        return type;
    }

    /** The wire name of a message: its type's, or for a free-play command {@code freeplay.<action>}. */
    public static String wireNameOf(Object message) {
        if (message instanceof FreePlayCommand command) {
            return command.action().wireName();
        }
        MessageType type = message == null ? null : BY_JAVA_TYPE.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a message type: " + (message == null ? "null" : message.getClass().getName()));
        }
        return type.wireName();
    }
}
