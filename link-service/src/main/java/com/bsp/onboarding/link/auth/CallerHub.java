package com.bsp.onboarding.link.auth;

import com.bsp.onboarding.link.hub.Hub;
import jakarta.enterprise.context.RequestScoped;

/** The hub the current request's API key belongs to; set by {@link ApiKeyFilter}. */
@RequestScoped
public class CallerHub {

    private Hub hub;

    void set(Hub hub) {
        this.hub = hub;
    }

    public Hub get() {
        if (hub == null) {
            throw new IllegalStateException("No authenticated hub on this request");
        }
        return hub;
    }
}
