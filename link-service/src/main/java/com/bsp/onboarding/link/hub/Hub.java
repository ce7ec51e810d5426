package com.bsp.onboarding.link.hub;

import com.bsp.onboarding.http.redirect.RedirectTargets;
import com.bsp.onboarding.link.LinkServiceConfig.PaymentMode;
import com.bsp.onboarding.link.LinkServiceConfig.SignatureEncoding;
import java.util.List;

/** One 360Dialog partner hub as this service uses it. The platform secret lives apart, in {@link PlatformSecret}. */
public record Hub(
        String id,
        String partnerId,
        PaymentMode paymentMode,
        String signupBaseUrl,
        String permissionBaseUrl,
        List<String> allowedRedirectHosts,
        boolean basicPlanAllowed,
        SignatureEncoding signatureEncoding,
        PlatformSecret platformSecret) {

    public String signupUrl() {
        return signupBaseUrl.replace("{partnerId}", partnerId);
    }

    public String permissionUrl() {
        return permissionBaseUrl.replace("{partnerId}", partnerId);
    }

    /** Exact host match, or a {@code *.suffix} entry matching any subdomain of suffix (not suffix itself). */
    public boolean allowsRedirectHost(String host) {
        return RedirectTargets.hostAllowed(host, allowedRedirectHosts);
    }

    @Override
    public String toString() {
        return "Hub[" + id + ", partner " + partnerId + "]";
    }
}
