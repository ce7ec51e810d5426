package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.ProvisioningError;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.contracts.provisioning.WabaLifecycleChanged;
import com.bsp.onboarding.contracts.provisioning.WabaOffboarded;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioned;
import com.bsp.onboarding.contracts.provisioning.WabaProvisioningFailed;
import com.bsp.onboarding.contracts.provisioning.WabaStatusChanged;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** The events that announce what happened to a WABA, keyed by its id. */
public final class WabaEvents {

    private WabaEvents() {
    }

    /** @param last the WABA with the final step's outcome merged in */
    public static OutboxRecord provisioned(Waba last, Instant now) {
        return event(last.wabaId(), ProvisioningEventTypes.WABA_PROVISIONED, now, new WabaProvisioned(last.wabaId(), last.hubId(),
                last.signupId() == null ? null : last.signupId().toString(), last.businessId(), last.phoneNumberId(),
                last.creditSharing(), last.allocationConfigId(), last.phoneRegistration(), last.messageTemplateNamespace(), now,
                last.coexistence(), last.customerReference(), last.dialog360ClientId()));
    }

    public static OutboxRecord failed(Waba waba, int attempts, ProvisioningError error, Instant now) {
        return event(waba.wabaId(), ProvisioningEventTypes.WABA_PROVISIONING_FAILED, now,
                new WabaProvisioningFailed(waba.wabaId(), waba.hubId(), waba.currentStep().wireName(), attempts, error, now));
    }

    public static OutboxRecord offboarded(String wabaId, String hubId, String reason, String creditSharing, Instant now) {
        return event(wabaId, ProvisioningEventTypes.WABA_OFFBOARDED, now, new WabaOffboarded(wabaId, hubId, reason, creditSharing, now));
    }

    public static OutboxRecord statusChanged(String wabaId, String event, JsonNode details, Instant at) {
        return event(wabaId, ProvisioningEventTypes.WABA_STATUS_CHANGED, at, new WabaStatusChanged(wabaId, event, details, at));
    }

    public static OutboxRecord lifecycleChanged(String wabaId, String hubId, String event, String status, String previousStatus,
            String tokenState, String tokenSource, JsonNode details, Instant at) {
        return event(wabaId, ProvisioningEventTypes.WABA_LIFECYCLE_CHANGED, at, new WabaLifecycleChanged(wabaId, hubId, event, status,
                previousStatus, tokenState, tokenSource, details, at));
    }

    private static OutboxRecord event(String wabaId, String type, Instant now, Object data) {
        return OutboxRecord.of(Topics.PROVISIONING_EVENTS, wabaId,
                CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE, type, wabaId, now, data));
    }
}
