-- Every domain's state in the store, each change committed with the id of the message that made it.

-- The applied ids of every domain (scope), no longer the balance domain's alone; purged past their retention.
-- The id leads the key: a batch looks its ids up with message_id IN (...), which H2 serves from the index only
-- when the IN column comes first.
CREATE TABLE processed_message (
    scope      VARCHAR(32)  NOT NULL,
    message_id VARCHAR(400) NOT NULL,
    applied_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (message_id, scope)
);
CREATE INDEX processed_message_applied_at ON processed_message (applied_at);
INSERT INTO processed_message (scope, message_id, applied_at) SELECT 'balance', message_id, applied_at FROM applied_message;
DROP TABLE applied_message;

-- cash accounts and free-play credits share one shape (and one implementation)
ALTER TABLE account RENAME COLUMN balance TO amount;

CREATE TABLE free_play_credit (
    customer_id VARCHAR(128) NOT NULL PRIMARY KEY,
    currency    CHAR(3)      NOT NULL,
    amount      BIGINT       NOT NULL
);

CREATE TABLE accrual (
    agent_id      VARCHAR(128) NOT NULL,
    period        VARCHAR(16)  NOT NULL,
    currency      CHAR(3)      NOT NULL,
    accrued       BIGINT       NOT NULL,
    accruals      BIGINT       NOT NULL,
    paid          BIGINT       NOT NULL,
    paid_accruals BIGINT       NOT NULL,
    PRIMARY KEY (agent_id, period, currency)
);
CREATE INDEX accrual_period ON accrual (period);

CREATE TABLE settlement_status (
    wager_id            VARCHAR(128) NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(128) NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    accepted_at_micros  BIGINT       NOT NULL,
    completed_at_micros BIGINT       NOT NULL,
    balance_delta       BIGINT       NOT NULL,
    reason              VARCHAR(1000)
);

-- a run's payouts are recorded with its accruals' paid state; the run completes once its files are on disk
CREATE TABLE payout_run (
    run_id VARCHAR(64) NOT NULL PRIMARY KEY,
    period VARCHAR(16) NOT NULL,
    state  VARCHAR(16) NOT NULL
);

CREATE TABLE payout (
    run_id   VARCHAR(64)  NOT NULL,
    agent_id VARCHAR(128) NOT NULL,
    currency CHAR(3)      NOT NULL,
    period   VARCHAR(16)  NOT NULL,
    amount   BIGINT       NOT NULL,
    accruals BIGINT       NOT NULL,
    PRIMARY KEY (run_id, agent_id, currency)
);
