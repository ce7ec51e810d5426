package com.bsp.onboarding.provisioner.runner;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.provisioning.DeadLetter;
import com.bsp.onboarding.contracts.provisioning.ProvisioningEventTypes;
import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import java.util.UUID;

/** Dead letters of inputs and workflows, for the outbox; keyed by their subject. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static OutboxRecord record(String subject, DeadLetter letter) {
        CloudEvent<DeadLetter> event = CloudEvent.of(UUID.randomUUID().toString(), ProvisioningEventTypes.SOURCE,
                ProvisioningEventTypes.DEAD_LETTERED, subject, letter.deadLetteredAt(), letter);
        return OutboxRecord.of(Topics.PROVISIONING_DEAD_LETTERS, subject, event);
    }
}
