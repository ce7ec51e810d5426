package com.bsp.onboarding.providers;

import com.bsp.onboarding.providers.ProviderException.Classification;
import java.util.Set;

/**
 * The one reading of Graph error codes (reference §2.5), for every service that calls Graph. Codes not
 * listed as transient are not retried: 190 (token), 10 and 200-299 (permissions), 100 (bad parameter,
 * used or expired codes among them), 133016 (registration limit), 130403, 131050, and any unknown code.
 */
public final class GraphErrorCodes {

    /** Throttled or temporarily unavailable: retry later. */
    public static final Set<Integer> TRANSIENT = Set.of(1, 2, 4, 17, 341, 368, 613, 80007, 80008, 130429, 131000,
            131016, 131057, 133004, 133015);

    /** error 100 / subcode 36009: the Embedded Signup code was exchanged before. */
    public static final int CODE_USED_SUBCODE = 36009;
    /** error 100 / subcode 36007: the Embedded Signup code is older than its 30 seconds. */
    public static final int CODE_EXPIRED_SUBCODE = 36007;
    public static final int INVALID_PARAMETER = 100;
    /**
     * A coexistence sync ({@code smb_app_data}) of a type already requested for the number. Meta documents
     * "can only be performed once" without an error code; public integrations match 2593107, as the code or
     * the subcode, so both are accepted.
     */
    public static final int APP_DATA_ALREADY_SYNCED = 2593107;

    private GraphErrorCodes() {
    }

    /** True when Meta refused an {@code smb_app_data} sync because that sync was requested before. */
    public static boolean appDataAlreadySynced(Integer code, Integer subcode) {
        return Integer.valueOf(APP_DATA_ALREADY_SYNCED).equals(code) || Integer.valueOf(APP_DATA_ALREADY_SYNCED).equals(subcode);
    }

    /** How an HTTP error answer is to be taken: a 5xx may have happened halfway; throttling means "not done". */
    public static Classification classify(int httpStatus, Integer code) {
        if (httpStatus >= 500) {
            return Classification.OUTCOME_UNKNOWN;
        }
        if (httpStatus == 429 || (code != null && TRANSIENT.contains(code))) {
            return Classification.RETRY_LATER;
        }
        return Classification.REFUSED;
    }
}
