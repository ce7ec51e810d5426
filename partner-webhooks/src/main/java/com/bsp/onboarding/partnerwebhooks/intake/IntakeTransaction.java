package com.bsp.onboarding.partnerwebhooks.intake;

import com.bsp.onboarding.eventing.inbox.Envelope;
import com.bsp.onboarding.eventing.inbox.MalformedEventException;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEvent;
import com.bsp.onboarding.partnerwebhooks.catalogue.PartnerEventTypes;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.ChannelChange;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeEvent.Emit;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeStore.ChannelRow;
import com.bsp.onboarding.partnerwebhooks.intake.IntakeStore.Input;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One batch of source events applied in one transaction, in waves: a wave holds the next event of every Kafka key
 * (so a key's events apply one after the other, in partition order) and is applied with one statement per step
 * for all its events. An event whose onboarding another event of the wave already changes waits for the next wave
 * (a statement touches a row once, and the second must see what the first did), as do the events its key brought
 * after it; an event unparked by a binding joins the next wave, ahead of what its onboarding's keys bring next.
 * The result is what applying the events one by one, in the batch's order per key, gives.
 */
final class IntakeTransaction {

    private static final Logger LOG = Logger.getLogger(IntakeTransaction.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An event on its way through the waves. */
    private static final class Item {
        /** Position among the inputs, for its outcome; -1 for an event that was parked before this batch. */
        final int slot;
        /** The Kafka key it came under; null for a parked event (its key's order was kept when it was parked). */
        final String key;
        final Envelope envelope;
        final IntakeEvent event;
        /** Its id is in the inbox, claimed in this transaction (or, for a parked event, when it was parked). */
        boolean claimed;
        Onboarding onboarding;

        Item(int slot, String key, Envelope envelope, IntakeEvent event, boolean claimed) {
            this.slot = slot;
            this.key = key;
            this.envelope = envelope;
            this.event = event;
            this.claimed = claimed;
        }
    }

    private final SqlConnection tx;
    private final IntakeStore store;
    private final SourceEventMapper mapper;
    private final IntakeOutcome[] outcomes;
    private final List<String> published = new ArrayList<>();
    private final Map<String, ArrayDeque<Item>> byKey = new LinkedHashMap<>();
    /** Events that go first in the next wave: deferred from this one, or unparked by it. */
    private List<Item> carried = new ArrayList<>();

    IntakeTransaction(SqlConnection tx, IntakeStore store, SourceEventMapper mapper, List<Input> inputs) {
        this.tx = tx;
        this.store = store;
        this.mapper = mapper;
        this.outcomes = new IntakeOutcome[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            String key = input.key() == null ? "" : input.key();
            byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Item(i, key, input.envelope(), input.event(), false));
        }
    }

    Uni<IntakeStore.Result> run() {
        List<Item> wave = nextWave();
        if (wave.isEmpty()) {
            return Uni.createFrom().item(new IntakeStore.Result(outcomes, published));
        }
        return apply(wave).chain(this::run);
    }

    /** What was carried over, then the next event of every key that has none carried over. */
    private List<Item> nextWave() {
        List<Item> wave = carried;
        carried = new ArrayList<>();
        Set<String> waiting = new HashSet<>();
        for (Item item : wave) {
            if (item.key != null) {
                waiting.add(item.key);
            }
        }
        for (ArrayDeque<Item> queue : byKey.values()) {
            Item head = queue.peek();
            if (head != null && !waiting.contains(head.key)) {
                wave.add(queue.poll());
            }
        }
        return wave;
    }

    private Uni<Void> apply(List<Item> wave) {
        List<String> unclaimed = new ArrayList<>();
        for (Item item : wave) {
            if (!item.claimed) {
                unclaimed.add(item.event.sourceId());
            }
        }
        Uni<Set<String>> claims = unclaimed.isEmpty() ? Uni.createFrom().item(Set.of()) : store.claim(tx, unclaimed);
        return claims.chain(claimedNow -> {
            Set<String> left = new HashSet<>(claimedNow);
            List<Item> live = new ArrayList<>();
            for (Item item : wave) {
                if (!item.claimed) {
                    if (!left.remove(item.event.sourceId())) {
                        outcome(item, IntakeOutcome.DUPLICATE);
                        continue;
                    }
                    item.claimed = true;
                }
                item.onboarding = null;
                live.add(item);
            }
            return resolve(live).chain(() -> settle(live));
        });
    }

    /**
     * Finds each event's onboarding (creating those that events open). Events still without one are looked for
     * again under their subjects' locks, taken with those of every subject the wave binds: a binding committed
     * meanwhile is seen, and one being made waits until their parking commits.
     */
    private Uni<Void> resolve(List<Item> live) {
        List<Item> starts = new ArrayList<>();
        List<Item> lookups = new ArrayList<>();
        for (Item item : live) {
            if (item.event.start() != null) {
                starts.add(item);
            } else if (!item.event.lookups().isEmpty()) {
                lookups.add(item);
            }
        }
        Uni<Void> found = Uni.createFrom().voidItem();
        if (!starts.isEmpty()) {
            found = found.chain(() -> store.ensure(tx, events(starts)).invoke(byId -> starts.forEach(item ->
                    item.onboarding = byId.get(item.event.start().onboardingId())))).replaceWithVoid();
        }
        if (!lookups.isEmpty()) {
            found = found.chain(() -> findBySubjects(lookups));
        }
        return found.chain(() -> {
            List<Item> unresolved = lookups.stream().filter(item -> item.onboarding == null).toList();
            Set<String> locks = new TreeSet<>();
            unresolved.forEach(item -> item.event.lookups().forEach(subject -> locks.add(subject.key())));
            live.forEach(item -> item.event.binds().forEach(subject -> locks.add(subject.key())));
            if (locks.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> locked = store.lock(tx, locks);
            return unresolved.isEmpty() ? locked : locked.chain(() -> findBySubjects(unresolved));
        });
    }

    private Uni<Void> findBySubjects(List<Item> items) {
        return store.findBySubjects(tx, events(items)).invoke(byItem -> byItem.forEach((index, onboarding) ->
                items.get(index).onboarding = onboarding)).replaceWithVoid();
    }

    /** Parks what has no onboarding yet, drops what names another hub, defers second comers, applies the rest. */
    private Uni<Void> settle(List<Item> live) {
        Set<String> changed = new HashSet<>();
        List<Item> parking = new ArrayList<>();
        List<Item> applying = new ArrayList<>();
        for (Item item : live) {
            Onboarding onboarding = item.onboarding;
            if (onboarding == null) {
                parking.add(item);
            } else if (item.event.hubId() != null && !item.event.hubId().equals(onboarding.hubId())) {
                // Never told to either hub: an event of one hub must not reach another's endpoints or view.
                LOG.warnf("Dropping %s %s: it names hub %s, its onboarding %s is of hub %s", item.event.sourceType(),
                        item.event.sourceId(), item.event.hubId(), onboarding.id(), onboarding.hubId());
                outcome(item, IntakeOutcome.HUB_MISMATCH);
            } else if (!changed.add(onboarding.id())) {
                carried.add(item);
            } else {
                applying.add(item);
            }
        }
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (Item item : parking) {
            steps = steps.chain(() -> park(item));
        }
        return applying.isEmpty() ? steps : steps.chain(() -> applyAll(applying));
    }

    private Uni<Void> park(Item item) {
        LOG.debugf("Parking %s %s until one of %s is known", item.event.sourceType(), item.event.sourceId(),
                String.join(", ", IntakeStore.keys(item.event.lookups())));
        return store.park(tx, item.envelope, item.event).invoke(() -> outcome(item, IntakeOutcome.PARKED));
    }

    /** The changes of events of different onboardings: one statement per step for all of them. */
    private Uni<Void> applyAll(List<Item> applying) {
        List<Onboarding> onboardings = new ArrayList<>();
        Map<Subject, String> bindings = new LinkedHashMap<>();
        Map<String, ChannelRow> channels = new LinkedHashMap<>();
        List<PartnerEvent> events = new ArrayList<>();
        for (Item item : applying) {
            IntakeEvent event = item.event;
            Onboarding onboarding = item.onboarding.with(event.facts());
            onboardings.add(onboarding);
            // A later binding of the same subject wins, as it would applied one by one.
            event.binds().forEach(subject -> {
                bindings.remove(subject);
                bindings.put(subject, onboarding.id());
            });
            for (ChannelChange change : event.channels()) {
                channels.merge(onboarding.id() + "\u0000" + change.channelId(), new ChannelRow(onboarding.id(), change, event.time()),
                        IntakeTransaction::laterChannelStatus);
            }
            String partnerReference = event.start() == null ? null : event.start().partnerReference();
            Onboarding told = partnerReference != null && onboarding.partnerReference() == null
                    ? new Onboarding(onboarding.id(), onboarding.hubId(), onboarding.route(), partnerReference,
                            onboarding.wabaId(), onboarding.phoneNumberId(), onboarding.businessId(), onboarding.clientId())
                    : onboarding;
            for (Emit emit : event.emits()) {
                events.add(partnerEvent(told, event, emit));
            }
        }
        Uni<Void> steps = store.update(tx, onboardings, events(applying));
        if (!bindings.isEmpty()) {
            steps = steps.chain(() -> store.bind(tx, bindings));
        }
        if (!channels.isEmpty()) {
            steps = steps.chain(() -> store.channels(tx, channels.values()));
        }
        if (!events.isEmpty()) {
            steps = steps.chain(() -> store.fanout().publishAll(tx, events)).invoke(() ->
                    events.forEach(event -> published.add(event.type()))).replaceWithVoid();
        }
        steps = steps.invoke(() -> applying.forEach(item -> outcome(item, IntakeOutcome.APPLIED)));
        if (bindings.isEmpty()) {
            return steps;
        }
        Set<String> bound = new TreeSet<>();
        bindings.keySet().forEach(subject -> bound.add(subject.key()));
        return steps.chain(() -> store.unpark(tx, bound)).invoke(this::carryUnparked).replaceWithVoid();
    }

    /** The status that applying both one after the other leaves: the higher rank, the later of equal ones. */
    private static ChannelRow laterChannelStatus(ChannelRow first, ChannelRow second) {
        return second.change().status().rank() >= first.change().status().rank() ? second : first;
    }

    /** The events that waited for a subject bound now: applied in the next wave, in the order they were read. */
    private void carryUnparked(List<String> envelopes) {
        for (String value : envelopes) {
            Envelope envelope;
            Optional<IntakeEvent> event;
            try {
                envelope = Envelope.parse(value, Instant.now());
                event = mapper.map(envelope);
            } catch (MalformedEventException e) {
                // It was read before with the same code: only a change of the mapping can get here.
                LOG.warnf("Dropping a parked event that no longer reads: %s", e.getMessage());
                continue;
            }
            if (event.isPresent()) {
                LOG.debugf("Applying parked %s %s", event.get().sourceType(), event.get().sourceId());
                carried.add(new Item(-1, null, envelope, event.get(), true));
            }
        }
    }

    private void outcome(Item item, IntakeOutcome outcome) {
        if (item.slot >= 0) {
            outcomes[item.slot] = outcome;
        }
    }

    private static List<IntakeEvent> events(List<Item> items) {
        return items.stream().map(item -> item.event).toList();
    }

    private static PartnerEvent partnerEvent(Onboarding onboarding, IntakeEvent event, Emit emit) {
        ObjectNode data = NODES.objectNode();
        data.put("onboarding_id", onboarding.id());
        data.put("route", onboarding.route());
        data.put("partner_reference", onboarding.partnerReference());
        putIf(data, "waba_id", onboarding.wabaId());
        putIf(data, "phone_number_id", onboarding.phoneNumberId());
        putIf(data, "business_id", onboarding.businessId());
        putIf(data, "client_id", onboarding.clientId());
        data.setAll(emit.data());
        data.put("occurred_at", event.time().toString());
        // One started per onboarding, whichever of its events came first; every other type once per source event.
        String name = PartnerEventTypes.ONBOARDING_STARTED.equals(emit.type())
                ? emit.type() + "|" + onboarding.hubId() + "|" + onboarding.id()
                : emit.type() + "|" + event.sourceId();
        return new PartnerEvent(messageId(name), onboarding.hubId(), onboarding.id(), emit.type(), event.time(), data);
    }

    /** A name-based UUID: the same source event gives the same webhook-id, however often it is read. */
    static String messageId(String name) {
        return "msg_" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    private static void putIf(ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }
}
