package com.bsp.onboarding.token.hosted;

import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.bsp.onboarding.http.redirect.RedirectTargets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /v1/signup-sessions} field by field, so that every unknown or invalid field is
 * named in one answer, and turns the prefill into Meta's {@code extras.setup} shape (Meta's "Pre-filling screens"
 * page: {@code business{name, email, website, phone{code, number}, address{streetAddress1, streetAddress2, city,
 * state, zipPostal, country}, timezone}}, {@code phone{displayName, category, description}}).
 */
final class SessionInputParser {

    /** Printable text without control characters: it is shown in the partner's tools and sent in events. */
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cc}]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Z_]{1,64}");
    private static final Pattern TIMEZONE = Pattern.compile("[A-Za-z0-9_+:/-]{1,64}");

    /** The input, or the errors that refused it (never both). */
    record Result(SessionInput input, List<FieldError> errors) {
    }

    /** One prefill text field: its name in our API, its name in Meta's setup, its longest length and its rule. */
    private record Field(String name, String metaName, int maxLength, Pattern pattern, String rule) {
    }

    private static final Map<String, Field> BUSINESS = fields(
            new Field("name", "name", 128, TEXT, "text"),
            new Field("email", "email", 254, EMAIL, "an e-mail address"),
            new Field("website", "website", 2048, Pattern.compile("https?://[^\\s]+"), "an http(s) URL"),
            new Field("timezone", "timezone", 64, TIMEZONE, "a time zone such as UTC-08:00"));
    private static final Map<String, Field> BUSINESS_PHONE = fields(
            new Field("code", "code", 4, DIGITS, "the country calling code, digits only"),
            new Field("number", "number", 15, DIGITS, "digits only"));
    private static final Map<String, Field> ADDRESS = fields(
            new Field("street_address1", "streetAddress1", 256, TEXT, "text"),
            new Field("street_address2", "streetAddress2", 256, TEXT, "text"),
            new Field("city", "city", 128, TEXT, "text"),
            new Field("state", "state", 128, TEXT, "text"),
            new Field("zip_postal", "zipPostal", 32, TEXT, "text"),
            new Field("country", "country", 2, COUNTRY, "an ISO 3166-1 alpha-2 code such as DE"));
    private static final Map<String, Field> PHONE_PROFILE = fields(
            new Field("display_name", "displayName", 128, TEXT, "text"),
            new Field("category", "category", 64, CATEGORY, "a WhatsApp business category such as RETAIL"),
            new Field("description", "description", 512, TEXT, "text"));

    private SessionInputParser() {
    }

    /**
     * @param body the request body, null when there is none (then every choice is the default)
     * @param hub the settings of the caller's hub
     */
    static Result parse(JsonNode body, HubSignupSettings hub, boolean loopbackHttpRedirects) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new Result(SessionInput.NONE, errors);
        }
        if (!body.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
            return new Result(null, errors);
        }
        unknownFields(body, "", List.of("customer_reference", "redirect_url", "flow", "prefill"), errors);
        String reference = text(body, "customer_reference", "customer_reference", 128, TEXT, "printable text", errors);
        URI redirect = null;
        String redirectValue = text(body, "redirect_url", "redirect_url", RedirectTargets.MAX_LENGTH, null, null, errors);
        if (redirectValue != null && hub.allowedRedirectHosts().isEmpty()) {
            errors.add(new FieldError("redirect_url", "this hub has no allowed redirect hosts; ask the operator to configure them"));
        } else {
            redirect = RedirectTargets.check(redirectValue, "redirect_url", hub.allowedRedirectHosts(), loopbackHttpRedirects, errors);
        }
        SignupFlow flow = SignupFlow.DEFAULT;
        String flowValue = text(body, "flow", "flow", 32, null, null, errors);
        if (flowValue != null) {
            flow = SignupFlow.fromWire(flowValue).orElse(null);
            if (flow == null) {
                errors.add(new FieldError("flow", "must be one of default, coexistence"));
            } else if (!hub.flows().contains(flow)) {
                errors.add(new FieldError("flow", "'" + flowValue + "' is not enabled for this hub"));
            }
        }
        ObjectNode prefill = prefill(body.get("prefill"), errors);
        return errors.isEmpty() ? new Result(new SessionInput(reference, redirect, flow, prefill), errors) : new Result(null, errors);
    }

    private static ObjectNode prefill(JsonNode prefill, List<FieldError> errors) {
        if (prefill == null || prefill.isNull()) {
            return null;
        }
        if (!prefill.isObject()) {
            errors.add(new FieldError("prefill", "must be an object"));
            return null;
        }
        unknownFields(prefill, "prefill.", List.of("business", "phone"), errors);
        ObjectNode setup = JsonNodeFactory.instance.objectNode();
        JsonNode business = object(prefill, "business", "prefill.business", errors);
        if (business != null) {
            List<String> known = new ArrayList<>(BUSINESS.keySet());
            known.addAll(List.of("phone", "address"));
            unknownFields(business, "prefill.business.", known, errors);
            ObjectNode metaBusiness = copy(business, "prefill.business.", BUSINESS, errors);
            JsonNode phone = object(business, "phone", "prefill.business.phone", errors);
            if (phone != null) {
                unknownFields(phone, "prefill.business.phone.", List.copyOf(BUSINESS_PHONE.keySet()), errors);
                metaBusiness.set("phone", copy(phone, "prefill.business.phone.", BUSINESS_PHONE, errors));
            }
            JsonNode address = object(business, "address", "prefill.business.address", errors);
            if (address != null) {
                unknownFields(address, "prefill.business.address.", List.copyOf(ADDRESS.keySet()), errors);
                metaBusiness.set("address", copy(address, "prefill.business.address.", ADDRESS, errors));
            }
            setup.set("business", metaBusiness);
        }
        JsonNode phone = object(prefill, "phone", "prefill.phone", errors);
        if (phone != null) {
            unknownFields(phone, "prefill.phone.", List.copyOf(PHONE_PROFILE.keySet()), errors);
            setup.set("phone", copy(phone, "prefill.phone.", PHONE_PROFILE, errors));
        }
        return setup.isEmpty() ? null : setup;
    }

    private static ObjectNode copy(JsonNode source, String prefix, Map<String, Field> fields, List<FieldError> errors) {
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        for (Field field : fields.values()) {
            String value = text(source, field.name(), prefix + field.name(), field.maxLength(), field.pattern(), field.rule(), errors);
            if (value != null) {
                target.put(field.metaName(), value);
            }
        }
        return target;
    }

    private static JsonNode object(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            return null;
        }
        return value;
    }

    private static String text(JsonNode parent, String name, String path, int maxLength, Pattern pattern, String rule,
            List<FieldError> errors) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        String text = value.asText();
        if (text.isBlank()) {
            errors.add(new FieldError(path, "must not be blank"));
            return null;
        }
        if (text.length() > maxLength) {
            errors.add(new FieldError(path, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            errors.add(new FieldError(path, "must be " + rule));
            return null;
        }
        return text;
    }

    private static void unknownFields(JsonNode object, String prefix, List<String> known, List<FieldError> errors) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                // Echoed back to the caller: a name is cut short, so an answer cannot be inflated by one.
                String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
                errors.add(new FieldError(prefix + shown, "is not a known field"));
            }
        }
    }

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field field : fields) {
            byName.put(field.name(), field);
        }
        return byName;
    }
}
