package com.bsp.onboarding.ingest.role;

import com.bsp.onboarding.http.problem.Problem;
import com.bsp.onboarding.http.problem.RoutingProblems;
import com.bsp.onboarding.ingest.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Which of webhook-ingest's two jobs this replica does ({@code ingest.roles}): the intake (HTTP, verify, write to
 * webhooks.raw.v1) and the typed stage (webhooks.raw.v1 to the typed events). Both by default, as in the local
 * stack; in Kubernetes one Deployment each, so the intake scales on CPU and the stage on the raw topic's
 * partitions. The Kafka channels follow the roles in application.properties; here a replica configured to do
 * nothing is refused at start-up, and a replica without the intake closes the webhook routes, so a webhook sent to
 * it by mistake is refused (404) rather than left to an emitter with no Kafka producer behind it.
 */
@ApplicationScoped
public class IngestRoles {

    private static final Logger LOG = Logger.getLogger(IngestRoles.class);
    /** Ahead of the rate limiter and the preflight: nothing of a webhook is counted where it is not taken. */
    private static final int ORDER = -1_100_000;

    private final IngestConfig.Roles roles;

    public IngestRoles(IngestConfig config) {
        this.roles = config.roles();
    }

    void install(@Observes Router router) {
        if (!roles.intake()) {
            router.route("/webhooks/*").order(ORDER).handler(context -> RoutingProblems.end(context, Problem.notFound(
                    "This replica does not take webhooks (ingest.roles.intake=false); they are sent to the intake's Service.")));
        }
    }

    void check(@Observes StartupEvent started) {
        List<String> names = new ArrayList<>();
        if (roles.intake()) {
            names.add("intake");
        }
        if (roles.typedStage()) {
            names.add("typed-stage");
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("webhook-ingest has no role: set ingest.roles.intake (INGEST_ROLES_INTAKE) "
                    + "or ingest.roles.typed-stage (INGEST_ROLES_TYPED_STAGE) to true");
        }
        LOG.infof("webhook-ingest roles: %s", String.join(", ", names));
    }
}
