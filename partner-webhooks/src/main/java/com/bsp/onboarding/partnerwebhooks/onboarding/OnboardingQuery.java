package com.bsp.onboarding.partnerwebhooks.onboarding;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.Problem.FieldError;
import com.bsp.onboarding.partnerwebhooks.intake.OnboardingStatus;
import java.util.ArrayList;
import java.util.List;

/** A listing's filters and page, checked: a bad parameter is a 400 naming it. */
record OnboardingQuery(String partnerReference, String status, int limit, String after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_TEXT = 256;

    static OnboardingQuery of(String partnerReference, String status, String limit, String after) {
        List<FieldError> errors = new ArrayList<>();
        if (partnerReference != null && (partnerReference.isEmpty() || partnerReference.length() > MAX_TEXT)) {
            errors.add(new FieldError("partner_reference", "must be 1 to " + MAX_TEXT + " characters"));
        }
        if (status != null && OnboardingStatus.of(status) == null) {
            errors.add(new FieldError("status", "must be one of started, cancelled, errored, completed, "
                    + "provisioning_failed, provisioned, offboarded"));
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
            }
        }
        if (after != null && (after.isEmpty() || after.length() > MAX_TEXT)) {
            errors.add(new FieldError("after", "must be the id of an onboarding of the previous page"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalidParameters(errors).exception();
        }
        return new OnboardingQuery(partnerReference, status, size, after);
    }
}
