package com.bsp.onboarding.partnerwebhooks.delivery;

import jakarta.enterprise.context.ApplicationScoped;

/** Sends due deliveries to the hubs' endpoints. (Skeleton: the delivery engine replaces this.) */
@ApplicationScoped
public class DeliveryDispatcher {

    /** Called after a commit that created deliveries: look for due ones now rather than at the next poll. */
    public void wake() {
    }
}
