package com.bsp.onboarding.provisioner.inbox;

import com.bsp.onboarding.eventing.outbox.OutboxRecord;
import java.util.ArrayList;
import java.util.List;

/** What applying a batch of input events produced: events to write with it, and whether work became due. */
public final class Effects {

    private final List<OutboxRecord> events = new ArrayList<>();
    private boolean workDue;

    public void emit(OutboxRecord event) {
        events.add(event);
    }

    public void workDue() {
        workDue = true;
    }

    public List<OutboxRecord> events() {
        return events;
    }

    public boolean isWorkDue() {
        return workDue;
    }
}
