package com.bsp.onboarding.token.signup;

import com.bsp.onboarding.http.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Field rules of a signup, shared by {@code /v1/signups} and the hosted page; every broken one is reported at once. */
public final class SignupRequestValidator {

    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final Pattern FINISH_TYPE = Pattern.compile("[A-Z_]{1,64}");

    private SignupRequestValidator() {
    }

    public static List<FieldError> errors(SignupRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("body", "a JSON object is required"));
            return errors;
        }
        if (request.code() == null || !CODE.matcher(request.code()).matches()) {
            errors.add(new FieldError("code", "is required: the code of FB.login's authResponse"));
        }
        if (request.wabaId() == null || !GRAPH_ID.matcher(request.wabaId()).matches()) {
            errors.add(new FieldError("waba_id", "is required: the numeric WABA id of the WA_EMBEDDED_SIGNUP message"));
        }
        if (request.phoneNumberId() != null && !GRAPH_ID.matcher(request.phoneNumberId()).matches()) {
            errors.add(new FieldError("phone_number_id", "must be a numeric Graph id"));
        }
        if (request.businessId() != null && !GRAPH_ID.matcher(request.businessId()).matches()) {
            errors.add(new FieldError("business_id", "must be a numeric Graph id"));
        }
        if (request.finishType() != null && !FINISH_TYPE.matcher(request.finishType()).matches()) {
            errors.add(new FieldError("finish_type", "must be a WA_EMBEDDED_SIGNUP event name such as FINISH"));
        }
        return errors;
    }
}
