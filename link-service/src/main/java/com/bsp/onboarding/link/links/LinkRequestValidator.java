package com.bsp.onboarding.link.links;

import com.bsp.onboarding.contracts.link.LinkKind;
import com.bsp.onboarding.link.LinkServiceConfig.PaymentMode;
import com.bsp.onboarding.link.hub.Hub;
import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.bsp.onboarding.http.redirect.RedirectTargets;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a link request against 360Dialog's parameter rules and the caller's hub. Collects every
 * broken rule, so a caller fixes its request in one round trip.
 */
public final class LinkRequestValidator {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> NEXT = Set.of("login", "signup");
    private static final Set<String> LANG = Set.of("de", "en");
    private static final Set<String> PLANS = Set.of("basic", "regular", "premium");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 200;
    private static final int MAX_STATE = 512;
    private static final int MAX_PARTNER_PAYLOAD = 512;
    private static final int MAX_CLIENT_ID = 64;

    private LinkRequestValidator() {
    }

    public static ValidLinkRequest validate(LinkRequest request, Hub hub) {
        if (request == null) {
            throw Problem.invalidParameters(List.of(new FieldError("body", "a JSON object is required"))).exception();
        }
        List<FieldError> errors = new ArrayList<>();
        LinkKind kind = kind(request.kind(), hub, errors);
        checkEmail(request.email(), errors);
        checkText("name", request.name(), MAX_NAME, errors);
        checkNumber(request.number(), errors);
        checkText("state", request.state(), MAX_STATE, errors);
        checkText("partner", request.partner(), MAX_PARTNER_PAYLOAD, errors);
        checkOneOf("next", request.next(), NEXT, errors);
        checkOneOf("lang", request.lang(), LANG, errors);
        checkPlan(request.planSelection(), hub, errors);
        URI redirect = redirectTarget(request.redirectUrl(), hub, errors);
        boolean connect = Boolean.TRUE.equals(request.connectClientUser());
        checkClientId(request.clientId(), kind, connect, errors);
        String popupOrigin = PopupOrigins.check(request.popupOrigin(), hub, errors);
        if (request.popupOrigin() != null && request.redirectUrl() != null) {
            errors.add(new FieldError(PopupOrigins.FIELD, "cannot be combined with redirect_url: a popup hands the outcome "
                    + "to its opener and closes, it is not forwarded"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalidParameters(errors).exception();
        }
        return new ValidLinkRequest(kind, request.email(), request.name(), request.number(), request.state(), redirect,
                request.partner(), request.next(), request.lang(), request.planSelection(), connect, request.clientId(), popupOrigin);
    }

    private static LinkKind kind(String value, Hub hub, List<FieldError> errors) {
        if (value == null || value.equals("signup")) {
            return LinkKind.SIGNUP;
        }
        if (!value.equals("permission")) {
            errors.add(new FieldError("kind", "must be 'signup' or 'permission'"));
            return LinkKind.SIGNUP;
        }
        if (hub.paymentMode() != PaymentMode.DIRECT) {
            errors.add(new FieldError("kind", "permission links exist only for Direct Payment hubs; this hub uses Partner Payment"));
        }
        return LinkKind.PERMISSION;
    }

    private static void checkEmail(String email, List<FieldError> errors) {
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError("email", "must be a valid email address of at most " + MAX_EMAIL + " characters"));
        }
    }

    private static void checkNumber(String number, List<FieldError> errors) {
        if (number == null) {
            return;
        }
        if (number.startsWith("+") || number.startsWith("00")) {
            errors.add(new FieldError("number", "must start with the country code, without a leading '+' or '00'"));
        } else if (!DIGITS.matcher(number).matches()) {
            errors.add(new FieldError("number", "must contain digits only"));
        } else if (number.length() < 6 || number.length() > 15) {
            errors.add(new FieldError("number", "must have 6 to 15 digits"));
        } else if (number.startsWith("0")) {
            errors.add(new FieldError("number", "must start with the country code, which never starts with 0"));
        }
    }

    private static void checkText(String field, String value, int maxLength, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank when given"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    private static void checkOneOf(String field, String value, Set<String> allowed, List<FieldError> errors) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
        }
    }

    private static void checkPlan(String plan, Hub hub, List<FieldError> errors) {
        if (plan == null) {
            return;
        }
        if (!PLANS.contains(plan)) {
            errors.add(new FieldError("plan_selection", "must be one of basic, premium, regular"));
        } else if (plan.equals("basic") && !hub.basicPlanAllowed()) {
            errors.add(new FieldError("plan_selection", "'basic' is not enabled for this hub (Premium-plan partners only)"));
        }
    }

    private static URI redirectTarget(String value, Hub hub, List<FieldError> errors) {
        return RedirectTargets.check(value, "redirect_url", hub.allowedRedirectHosts(), false, errors);
    }

    private static void checkClientId(String clientId, LinkKind kind, boolean connect, List<FieldError> errors) {
        boolean required = kind == LinkKind.PERMISSION || connect;
        if (clientId == null) {
            if (required) {
                errors.add(new FieldError("client_id", kind == LinkKind.PERMISSION
                        ? "is required for a permission link" : "is required with connect_client_user"));
            }
            return;
        }
        if (!required) {
            errors.add(new FieldError("client_id", "is only used with kind 'permission' or connect_client_user"));
        } else if (clientId.length() > MAX_CLIENT_ID || !CLIENT_ID.matcher(clientId).matches()) {
            errors.add(new FieldError("client_id", "must be 1 to " + MAX_CLIENT_ID + " letters, digits, '-' or '_'"));
        }
    }
}
