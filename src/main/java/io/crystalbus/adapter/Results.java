package io.crystalbus.adapter;

import io.crystalbus.batch.BatchItem;
import java.util.List;
import org.apache.camel.Message;

/** What a domain's results become in the exchange that brought its messages. */
@FunctionalInterface
public interface Results {
    /** The results go nowhere: the route's message stays as it came. */
    Results NONE = (message, domain, results) -> {
    };

    void write(Message message, String domain, List<? extends BatchItem<?>> results);
}
