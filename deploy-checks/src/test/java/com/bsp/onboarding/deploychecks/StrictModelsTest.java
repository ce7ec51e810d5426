package com.bsp.onboarding.deploychecks;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

/** The strict validation really fails on a field the model does not know (models keep those by default). */
class StrictModelsTest {

    @Test
    void acceptsAValidDeployment() {
        assertInstanceOf(Deployment.class, StrictModels.validate(Yaml.document("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
                """, "test")));
    }

    @Test
    void refusesAMisspeltCoreField() {
        AssertionError error = assertThrows(AssertionError.class, () -> StrictModels.validate(Yaml.document("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          readinesProbe: {httpGet: {path: /q/health/ready, port: http}}
                """, "test")));
        assertTrue(error.getMessage().contains("readinesProbe"), error.getMessage());
    }

    @Test
    void refusesAMisspeltStrimziField() {
        JsonNode valid = Yaml.document("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: c}}
                spec: {topicName: t.v1, partitions: 3, replicas: 3, config: {min.insync.replicas: 2}}
                """, "test");
        assertInstanceOf(KafkaTopic.class, StrictModels.validate(valid));
        AssertionError error = assertThrows(AssertionError.class, () -> StrictModels.validate(Yaml.document("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: c}}
                spec: {topicName: t.v1, partitons: 3, replicas: 3}
                """, "test")));
        assertTrue(error.getMessage().contains("partitons"), error.getMessage());
    }

    @Test
    void refusesAWronglyTypedValue() {
        assertThrows(AssertionError.class, () -> StrictModels.validate(Yaml.document("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: x}
                spec: {maxUnavailable: 1, selector: {matchLabels: [a, b]}}
                """, "test")));
    }
}
