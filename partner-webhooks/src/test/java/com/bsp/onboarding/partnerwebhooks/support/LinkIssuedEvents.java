package com.bsp.onboarding.partnerwebhooks.support;

import com.bsp.onboarding.contracts.CloudEvent;
import com.bsp.onboarding.contracts.Topics;
import com.bsp.onboarding.contracts.link.LinkEventTypes;
import com.bsp.onboarding.contracts.link.LinkIssued;
import com.bsp.onboarding.contracts.link.LinkKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes link-service's {@code link-issued} events, as link-service does: each starts an IO onboarding, whose
 * {@code onboarding.started} webhook carries the link id as {@code data.onboarding_id}.
 */
public final class LinkIssuedEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> producer;
    private final String hubId;

    public LinkIssuedEvents(String bootstrapServers, String hubId) {
        this.hubId = hubId;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new StringSerializer());
    }

    public Future<RecordMetadata> send(String linkId) {
        Instant now = Instant.now();
        CloudEvent<LinkIssued> event = CloudEvent.of(UUID.randomUUID().toString(), LinkEventTypes.SOURCE,
                LinkEventTypes.LINK_ISSUED, linkId, now, new LinkIssued(linkId, hubId, "benchPartner", LinkKind.SIGNUP, null,
                        "customer-" + linkId, null, now, now.plusSeconds(86_400)));
        ProducerRecord<String, String> record;
        try {
            record = new ProducerRecord<>(Topics.IO_LINK_EVENTS, linkId, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes());
        return producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
