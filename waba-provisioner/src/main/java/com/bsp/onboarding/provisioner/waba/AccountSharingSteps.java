package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.providers.ProviderException;
import com.bsp.onboarding.provisioner.ProvisionerConfig;
import com.bsp.onboarding.provisioner.dialog360.Dialog360Client;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The hand-over of an account sharing hub (reference §3.5; 360Dialog, "Partner-Hosted Embedded Signup"): the
 * partner ran Meta's Embedded Signup itself, the WABA is shared with its solution, and 360Dialog is asked to onboard
 * the number for a client created for the customer. 360Dialog then funds and registers the number itself, so the
 * credit line and registration steps are skipped for such WABAs.
 *
 * <p>Exactly once: the client's name is derived from the WABA, so a creation whose answer was lost is found again
 * by name before another is made; a hand-over 360Dialog already has answers 409 and counts as done.
 */
@ApplicationScoped
public class AccountSharingSteps {

    static final String BY_360DIALOG = "by_360dialog";
    static final String NOT_ACCOUNT_SHARING = "not_account_sharing";

    private final Dialog360Client dialog360;
    private final ProvisionerConfig config;

    public AccountSharingSteps(Dialog360Client dialog360, ProvisionerConfig config) {
        this.dialog360 = dialog360;
        this.config = config;
    }

    /** Whether the WABA's hub hands its signups to 360Dialog. */
    public boolean handsOver(Waba waba) {
        return sharing(waba).isPresent();
    }

    Uni<StepOutcome> createClient(Waba waba, boolean attemptedBefore) {
        if (!handsOver(waba)) {
            return Uni.createFrom().item(StepOutcome.skipped(NOT_ACCOUNT_SHARING));
        }
        if (waba.dialog360ClientId() != null) {
            return Uni.createFrom().item(StepOutcome.done("already_created"));
        }
        ProvisionerConfig.Hub hub = config.hubs().get(waba.hubId());
        String name = clientName(waba);
        Uni<Optional<String>> earlier = attemptedBefore ? dialog360.clientNamed(hub, name) : Uni.createFrom().item(Optional.empty());
        return earlier.flatMap(found -> found.isPresent()
                ? Uni.createFrom().item(StepOutcome.done("already_created").withDialog360Client(found.get()))
                : dialog360.createAccountSharingClient(hub, name).map(id -> StepOutcome.done("created").withDialog360Client(id)));
    }

    Uni<StepOutcome> handOver(Waba waba) {
        Optional<ProvisionerConfig.AccountSharing> sharing = sharing(waba);
        if (sharing.isEmpty()) {
            return Uni.createFrom().item(StepOutcome.skipped(NOT_ACCOUNT_SHARING));
        }
        return dialog360.handOverNumber(config.hubs().get(waba.hubId()), sharing.get().solutionId(), waba.wabaId(), waba.dialog360ClientId())
                .replaceWith(StepOutcome.done("handed_over"))
                .onFailure(AccountSharingSteps::alreadyOnboarding).recoverWithItem(StepOutcome.done("already_handed_over"));
    }

    /** Shown in 360Dialog's hub: the partner's reference when it gave one; unique per WABA, so it can be found again. */
    static String clientName(Waba waba) {
        return (waba.customerReference() != null ? waba.customerReference() + " " : "") + "(WABA " + waba.wabaId() + ")";
    }

    private Optional<ProvisionerConfig.AccountSharing> sharing(Waba waba) {
        ProvisionerConfig.Hub hub = waba.hubId() == null ? null : config.hubs().get(waba.hubId());
        return hub == null ? Optional.empty() : hub.accountSharing();
    }

    private static boolean alreadyOnboarding(Throwable failure) {
        return failure instanceof ProviderException provider && Integer.valueOf(409).equals(provider.httpStatus());
    }
}
