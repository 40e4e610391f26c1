-- The durable ledger. A balance change and the id of the message that made it are written in one
-- transaction: a message applied once is never applied again, also after a crash and a redelivery.
CREATE TABLE account (
    customer_id VARCHAR(128) NOT NULL PRIMARY KEY,
    currency    CHAR(3)      NOT NULL,
    balance     BIGINT       NOT NULL
);

CREATE TABLE applied_message (
    message_id  VARCHAR(300) NOT NULL PRIMARY KEY,
    customer_id VARCHAR(128) NOT NULL,
    applied_at  TIMESTAMP    NOT NULL
);
