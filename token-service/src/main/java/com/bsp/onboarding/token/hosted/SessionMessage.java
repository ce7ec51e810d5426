package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code WA_EMBEDDED_SIGNUP} message as the hosted page forwards it: {@code {"event": ..., "data": {...}}}
 * (reference §2.1: on finish data holds waba_id, phone_number_id, business_id; on CANCEL current_step; on ERROR
 * error_message, error_code, session_id, timestamp). Fields Meta may add to data are ignored; a field we keep
 * that does not look like Meta's is refused, so nothing odd reaches the table, the events or the metrics.
 */
record SessionMessage(String event, String currentStep, String errorCode, String errorMessage, String metaSessionId,
        Instant reportedAt, String wabaId, String phoneNumberId, String businessId) {

    private static final Pattern EVENT = Pattern.compile("[A-Z][A-Z_]{0,63}");
    private static final Pattern STEP = Pattern.compile("[A-Z0-9_]{1,64}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cc}]{1,500}");
    private static final Pattern SESSION = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,32}");

    /** The message, or the errors that refused it (never both). */
    record Result(SessionMessage message, List<FieldError> errors) {
    }

    static Result parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object with event and data"));
            return new Result(null, errors);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("event") && !name.equals("data")) {
                errors.add(new FieldError(name.length() > 64 ? name.substring(0, 64) + "..." : name, "is not a known field"));
            }
        }
        String event = text(body, "event", "event", EVENT, "a WA_EMBEDDED_SIGNUP event such as FINISH, CANCEL or ERROR", errors);
        if (event == null && errors.stream().noneMatch(e -> e.field().equals("event"))) {
            errors.add(new FieldError("event", "is required"));
        }
        JsonNode data = body.path("data");
        if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
            errors.add(new FieldError("data", "must be an object"));
            data = MissingNode.getInstance();
        }
        SessionMessage message = new SessionMessage(event,
                text(data, "current_step", "data.current_step", STEP, "a step name such as PHONE_NUMBER_SETUP", errors),
                text(data, "error_code", "data.error_code", CODE, "Meta's error code", errors),
                text(data, "error_message", "data.error_message", TEXT, "text of at most 500 characters", errors),
                text(data, "session_id", "data.session_id", SESSION, "Meta's session id", errors),
                timestamp(data, errors),
                text(data, "waba_id", "data.waba_id", GRAPH_ID, "a numeric Graph id", errors),
                text(data, "phone_number_id", "data.phone_number_id", GRAPH_ID, "a numeric Graph id", errors),
                text(data, "business_id", "data.business_id", GRAPH_ID, "a numeric Graph id", errors));
        return errors.isEmpty() ? new Result(message, errors) : new Result(null, errors);
    }

    SessionEvent toEvent(Instant receivedAt) {
        return new SessionEvent(event, currentStep, errorCode, errorMessage, metaSessionId, reportedAt, wabaId, phoneNumberId,
                businessId, receivedAt);
    }

    /** The metric's event label: the event name (already a plain upper-case word). */
    String metricEvent() {
        return event;
    }

    /** The metric's step label: where a CANCEL left the flow, "none" for other messages. */
    String metricStep() {
        return currentStep == null ? "none" : currentStep;
    }

    /** Meta's values are strings or numbers (error codes, ids); both are read as text. */
    private static String text(JsonNode parent, String name, String path, Pattern pattern, String rule, List<FieldError> errors) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            errors.add(new FieldError(path, "must be " + rule));
            return null;
        }
        String text = value.asText();
        if (!pattern.matcher(text).matches()) {
            errors.add(new FieldError(path, "must be " + rule));
            return null;
        }
        return text;
    }

    /** Meta's timestamp: Unix seconds, as a number or a string. */
    private static Instant timestamp(JsonNode data, List<FieldError> errors) {
        JsonNode value = data.get("timestamp");
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        if (!(value.isIntegralNumber() || value.isTextual()) || !text.matches("[0-9]{1,12}")) {
            errors.add(new FieldError("data.timestamp", "must be Unix seconds"));
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(text));
    }
}
