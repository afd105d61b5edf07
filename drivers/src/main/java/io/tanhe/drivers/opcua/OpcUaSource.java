package io.tanhe.drivers.opcua;

import io.tanhe.drivers.Quality;
import io.tanhe.drivers.Reading;
import io.tanhe.drivers.ReadingSink;
import io.tanhe.drivers.Source;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscriptionManager;
import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedDataItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * Monitors OPC UA variables with the Eclipse Milo client: one session, one subscription, one
 * monitored item per node. Each data change becomes a reading (value, source timestamp, status
 * code as quality). A server that is not up at start is retried with capped backoff; a lost
 * session is re-established by Milo, and when the server no longer knows the subscription (it
 * restarted) the subscription and its items are created again.
 */
public final class OpcUaSource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSource.class);

    private final OpcUaSourceConfig config;
    private final Clock clock;
    private final Map<NodeId, OpcUaNode> nodes;
    private final ScheduledExecutorService worker;
    private volatile ReadingSink sink;
    private volatile OpcUaClient client;
    private volatile ManagedSubscription subscription;
    private volatile boolean closed;
    private Duration nextDelay;

    /** @param clock gives the arrival time of values that carry no timestamp */
    public OpcUaSource(OpcUaSourceConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.nodes = config.nodes().stream().collect(Collectors.toUnmodifiableMap(OpcUaNode::nodeId, Function.identity()));
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "opcua-" + config.id());
            t.setDaemon(true);
            return t;
        });
        this.nextDelay = config.reconnect().initial();
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public void start(ReadingSink sink) {
        this.sink = sink;
        worker.execute(this::connect);
    }

    /** Whether a subscription with the monitored items is in place (for status displays). */
    public boolean isSubscribed() {
        return subscription != null;
    }

    private void connect() {
        if (closed) {
            return;
        }
        OpcUaClient created = null;
        try {
            created = OpcUaClient.create(config.endpointUrl(),
                    endpoints -> endpoints.stream()
                            .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                            .findFirst(),
                    builder -> builder.setApplicationName(LocalizedText.english("Tanhe terminal"))
                            .setApplicationUri("urn:tanhe:terminal:" + config.id())
                            .setRequestTimeout(uint(config.requestTimeout().toMillis()))
                            .build());
            created.connect().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            created.getSubscriptionManager().addSubscriptionListener(new TransferListener());
            client = created;
            LOG.info("opcua {} connected to {}", config.id(), config.endpointUrl());
            nextDelay = config.reconnect().initial();
            subscribe();
        } catch (UaException | ExecutionException | TimeoutException | RuntimeException e) {
            disconnect(created);
            retryLater(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void subscribe() throws UaException {
        ManagedSubscription created = ManagedSubscription.create(client, config.publishingInterval().toMillis());
        created.addDataChangeListener(this::deliver);
        List<ManagedDataItem> items = created.createDataItems(List.copyOf(nodes.keySet()));
        Instant now = clock.instant();
        for (ManagedDataItem item : items) {
            StatusCode status = item.getStatusCode();
            if (status == null || !status.isGood()) {
                OpcUaNode node = nodes.get(item.getNodeId());
                LOG.error("opcua {} cannot monitor {}: {}", config.id(), item.getNodeId().toParseableString(), status);
                sink.accept(Reading.failed(node.pointId(), now, node.unit(), Quality.DEVICE_ERROR, config.id(),
                        "cannot monitor node " + node.nodeId().toParseableString() + ": " + status));
            }
        }
        subscription = created;
        LOG.info("opcua {} monitors {} nodes", config.id(), items.size());
    }

    /** Runs on Milo's threads: must not throw. */
    private void deliver(List<ManagedDataItem> items, List<DataValue> values) {
        Instant arrival = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            try {
                OpcUaNode node = nodes.get(items.get(i).getNodeId());
                if (node != null) {
                    sink.accept(DataValueMapper.toReading(node, values.get(i), arrival, config.id()));
                }
            } catch (RuntimeException e) {
                LOG.error("opcua {} dropped a value of {}: {}", config.id(), items.get(i).getNodeId(), e.toString());
            }
        }
    }

    private void retryLater(Exception cause) {
        Duration delay = nextDelay;
        nextDelay = config.reconnect().after(delay);
        LOG.warn("opcua {} cannot connect to {}: {}; retrying in {} ms",
                config.id(), config.endpointUrl(), cause.getMessage(), delay.toMillis());
        try {
            worker.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            LOG.debug("opcua {} is closed; no reconnect", config.id());
        }
    }

    private void resubscribe() {
        if (closed) {
            return;
        }
        try {
            subscribe();
        } catch (UaException | RuntimeException e) {
            LOG.warn("opcua {} cannot subscribe again: {}; retrying", config.id(), e.getMessage());
            try {
                worker.schedule(this::resubscribe, config.reconnect().max().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closedMeanwhile) {
                LOG.debug("opcua {} is closed", config.id());
            }
        }
    }

    private void disconnect(OpcUaClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnect().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("opcua {} disconnect: {}", config.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        worker.shutdownNow();
        disconnect(client);
        LOG.info("opcua {} closed", config.id());
    }

    /** A server that restarted has forgotten the subscription: create it anew on the worker thread. */
    private final class TransferListener implements UaSubscriptionManager.SubscriptionListener {
        @Override
        public void onSubscriptionTransferFailed(UaSubscription lost, StatusCode status) {
            LOG.warn("opcua {} lost its subscription ({}); subscribing again", config.id(), status);
            subscription = null;
            try {
                worker.execute(OpcUaSource.this::resubscribe);
            } catch (RejectedExecutionException closedMeanwhile) {
                LOG.debug("opcua {} is closed", config.id());
            }
        }
    }
}
