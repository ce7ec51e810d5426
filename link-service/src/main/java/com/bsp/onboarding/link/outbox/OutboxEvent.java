package com.bsp.onboarding.link.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An event waiting to be relayed to Kafka by {@link com.bsp.onboarding.eventing.outbox.OutboxRelay}. */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "event_id")
    public UUID eventId;
    public String topic;
    @Column(name = "event_key")
    public String eventKey;
    @Column(name = "event_type")
    public String eventType;
    /** The CloudEvent in structured JSON, exactly as it goes on the topic. */
    public String payload;
}
