package io.livetasks.task.feed;

import io.livetasks.changefeed.Change;
import io.livetasks.changefeed.ChangeBatch;
import io.livetasks.changefeed.ChangeFeed;
import io.livetasks.changefeed.Version;
import io.livetasks.push.Hub;
import io.livetasks.task.ListChange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Fans each polled batch out to the group of every list it touches ({@code list:{id}}). */
@ApplicationScoped
public class ListPublisher implements ChangeFeed.Publisher<ListChange> {

    private static final Logger LOG = Logger.getLogger(ListPublisher.class.getName());

    private final Hub hub;
    private final ListMessages messages;

    @Inject
    public ListPublisher(Hub hub, ListMessages messages) {
        this.hub = hub;
        this.messages = messages;
    }

    /** For the CDI proxy only. */
    protected ListPublisher() {
        this(null, null);
    }

    @Override
    public void publish(ChangeBatch<ListChange> batch) {
        Map<Long, List<Change<ListChange>>> byList = new LinkedHashMap<>();
        for (Change<ListChange> change : batch.changes()) {
            byList.computeIfAbsent(change.payload().listId(), id -> new ArrayList<>()).add(change);
        }
        byList.forEach((listId, changes) -> {
            String group = TaskEvent.group(listId);
            messages.of(changes).forEach(message -> hub.sendToGroup(group, message));
        });
        LOG.log(Level.FINE, "Published {0} changes up to version {1}", new Object[] {batch.changes().size(), batch.toVersion()});
    }

    @Override
    public void resyncAll(Version newVersion) {
        hub.sendToAll(messages.resync(null, newVersion));
    }
}
