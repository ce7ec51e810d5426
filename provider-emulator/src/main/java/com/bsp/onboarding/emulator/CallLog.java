package com.bsp.onboarding.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Every call the emulated providers received, for tests asserting counts and which token was used. */
final class CallLog {

    /**
     * One call as the emulator saw it.
     *
     * @param faulted answered with an injected fault instead of being carried out
     */
    record Call(String operation, String target, String authorization, String query, String body, Instant at,
            AtomicBoolean faulted) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void add(Call call) {
        calls.add(call);
    }

    void clear() {
        calls.clear();
    }

    /** {@code {"calls":[...],"count":n}} of one operation and target (null = any). */
    ObjectNode calls(String operation, String target) {
        ObjectNode body = GraphErrors.object();
        ArrayNode list = body.putArray("calls");
        for (Call call : calls) {
            if ((operation == null || operation.equals(call.operation())) && (target == null || target.equals(call.target()))) {
                list.addObject().put("operation", call.operation()).put("target", call.target())
                        .put("authorization", call.authorization()).put("query", call.query()).put("body", call.body())
                        .put("at", call.at().toString()).put("fault", call.faulted().get());
            }
        }
        body.put("count", list.size());
        return body;
    }

    /** Per operation: calls, distinct targets and the most calls one target got (1 = exactly once each). */
    ObjectNode summary() {
        Map<String, Map<String, Integer>> byOperation = new HashMap<>();
        for (Call call : calls) {
            byOperation.computeIfAbsent(call.operation(), o -> new HashMap<>()).merge(String.valueOf(call.target()), 1, Integer::sum);
        }
        ObjectNode body = GraphErrors.object();
        byOperation.forEach((operation, targets) -> body.putObject(operation)
                .put("calls", targets.values().stream().mapToInt(Integer::intValue).sum())
                .put("targets", targets.size())
                .put("max_per_target", targets.values().stream().mapToInt(Integer::intValue).max().orElse(0)));
        return body;
    }
}
