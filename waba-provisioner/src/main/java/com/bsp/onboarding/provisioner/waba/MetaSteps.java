package com.bsp.onboarding.provisioner.waba;

import com.bsp.onboarding.contracts.crypto.EncryptedSecret;
import com.bsp.onboarding.provisioner.crypto.Secrets;
import com.bsp.onboarding.provisioner.graph.GraphClient;
import com.bsp.onboarding.provisioner.meta.MetaApp;
import com.bsp.onboarding.provisioner.meta.MetaApps;
import com.bsp.onboarding.providers.GraphErrorCodes;
import com.bsp.onboarding.providers.ProviderException;
import com.bsp.onboarding.providers.ProviderException.Classification;
import com.bsp.onboarding.providers.graph.GraphRecords.AppDataSync;
import com.bsp.onboarding.providers.graph.GraphRecords.PhoneNumber;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One Graph step of a WABA at a time. A step that was attempted before (a crash, a timeout, a 5xx: its
 * outcome is unknown) first asks Graph whether it already took effect, so no side effect happens twice.
 */
@ApplicationScoped
public class MetaSteps {

    private final GraphClient graph;
    private final Secrets secrets;
    private final WabaStore store;
    private final AccountSharingSteps accountSharing;
    private final MetaApps apps;
    private final SecureRandom random = new SecureRandom();

    /** Steps that are 360Dialog's for a WABA handed to it (account sharing). */
    static final Set<WabaStep> BY_360DIALOG_STEPS = EnumSet.of(WabaStep.SHARE_CREDIT_LINE, WabaStep.VERIFY_CREDIT_SHARING,
            WabaStep.REGISTER_PHONE, WabaStep.SYNC_APP_DATA);

    static final String NO_NUMBER = "no_number";
    static final String SEVERAL_NUMBERS = "several_numbers";
    static final String COEXISTENCE = "coexistence";

    public MetaSteps(GraphClient graph, Secrets secrets, WabaStore store, AccountSharingSteps accountSharing, MetaApps apps) {
        this.graph = graph;
        this.secrets = secrets;
        this.store = store;
        this.accountSharing = accountSharing;
        this.apps = apps;
    }

    /** @param owner the replica's lease, for what a step must store before its call (the PIN) */
    public Uni<StepOutcome> execute(Waba waba, boolean attemptedBefore, String owner) {
        if (accountSharing.handsOver(waba) && BY_360DIALOG_STEPS.contains(waba.currentStep())) {
            // 360Dialog funds, registers and syncs numbers handed to it.
            StepOutcome skipped = StepOutcome.skipped(AccountSharingSteps.BY_360DIALOG);
            return Uni.createFrom().item(switch (waba.currentStep()) {
                case SHARE_CREDIT_LINE -> skipped.withCreditSharing(null, null, AccountSharingSteps.BY_360DIALOG);
                case REGISTER_PHONE -> skipped.withPhoneRegistration(AccountSharingSteps.BY_360DIALOG);
                default -> skipped;
            });
        }
        return switch (waba.currentStep()) {
            case CREATE_DIALOG360_CLIENT -> accountSharing.createClient(waba, attemptedBefore);
            case HAND_OVER_NUMBER -> accountSharing.handOver(waba);
            case SUBSCRIBE_APP -> withToken(waba, (app, token) -> subscribeApp(app, waba, token, attemptedBefore));
            case SHARE_CREDIT_LINE -> withToken(waba, (app, token) -> shareCreditLine(app, waba, token, attemptedBefore));
            case VERIFY_CREDIT_SHARING -> withToken(waba, (app, token) -> verifyCreditSharing(app, waba, token));
            case RESOLVE_PHONE_NUMBER -> waba.phoneNumberId() != null ? Uni.createFrom().item(StepOutcome.skipped("from_signup"))
                    : withToken(waba, (app, token) -> resolvePhoneNumber(waba, token));
            case REGISTER_PHONE -> withToken(waba, (app, token) -> registerPhone(waba, token, owner));
            case SYNC_APP_DATA -> withToken(waba, (app, token) -> syncAppData(waba, token));
            case READ_TEMPLATE_NAMESPACE -> withToken(waba, (app, token) -> graph.templateNamespace(waba.wabaId(), token)
                    .map(namespace -> StepOutcome.done("read").withTemplateNamespace(namespace)));
            case REVOKE_CREDIT_SHARING -> revokeCreditSharing(apps.forHub(waba.hubId()), waba, attemptedBefore);
        };
    }

    /** The app the token belongs to is the one subscribed: the business token's app, or the hub's System User's. */
    private Uni<StepOutcome> subscribeApp(MetaApp app, Waba waba, String token, boolean attemptedBefore) {
        Uni<Boolean> subscribed = attemptedBefore ? graph.isAppSubscribed(app, waba.wabaId(), token) : Uni.createFrom().item(false);
        return subscribed.flatMap(already -> already ? Uni.createFrom().item(StepOutcome.done("already_subscribed"))
                : graph.subscribeApp(waba.wabaId(), token).replaceWith(StepOutcome.done("subscribed")));
    }

    /** A credit line cannot be changed once attached, so it is shared only when no allocation exists. */
    private Uni<StepOutcome> shareCreditLine(MetaApp app, Waba waba, String token, boolean attemptedBefore) {
        if (!app.solutionPartner()) {
            return Uni.createFrom().item(StepOutcome.skipped("tech_provider").withCreditSharing(null, null, "skipped"));
        }
        if (waba.allocationConfigId() != null) {
            return Uni.createFrom().item(StepOutcome.done("already_shared"));
        }
        return graph.creditLineId(app).flatMap(creditLine -> (attemptedBefore
                ? graph.existingAllocation(app, creditLine, waba.wabaId(), waba.businessId(), token)
                : Uni.createFrom().item(Optional.<String>empty()))
                .flatMap(existing -> existing.isPresent()
                        ? Uni.createFrom().item(StepOutcome.done("already_shared").withCreditSharing(creditLine, existing.get(), "shared"))
                        : graph.shareCreditLine(app, creditLine, waba.wabaId())
                                .map(allocation -> StepOutcome.done("shared").withCreditSharing(creditLine, allocation, "shared"))));
    }

    /** The allocation's receiving credential must be the WABA's primary funding; right after sharing it may lag. */
    private Uni<StepOutcome> verifyCreditSharing(MetaApp app, Waba waba, String token) {
        if (!app.solutionPartner() || waba.allocationConfigId() == null) {
            return Uni.createFrom().item(StepOutcome.skipped(app.solutionPartner() ? "nothing_shared" : "tech_provider"));
        }
        return graph.receivingCredential(app, waba.allocationConfigId())
                .flatMap(credential -> graph.primaryFundingId(waba.wabaId(), token).map(funding -> {
                    if (!credential.isEmpty() && funding.isPresent() && credential.equals(funding.get())) {
                        return StepOutcome.done("verified");
                    }
                    throw new ProviderException("verify_credit_sharing", null, null, null, "verification",
                            "receiving_credential does not match primary_funding_id yet", null, Classification.RETRY_LATER);
                }));
    }

    /**
     * A signup without a phone_number_id (Embedded Signup v4 allows finishing without a number): the WABA's
     * one number is adopted. With none the WABA is provisioned without one; with several nothing is guessed:
     * no number is registered and {@code several_numbers} tells ops to look. For a coexistence signup only the
     * numbers on the WhatsApp Business app count, when Meta marks any.
     */
    private Uni<StepOutcome> resolvePhoneNumber(Waba waba, String token) {
        return graph.phoneNumbers(waba.wabaId(), token).map(numbers -> {
            List<PhoneNumber> onApp = numbers.stream().filter(n -> Boolean.TRUE.equals(n.onBizApp())).toList();
            List<PhoneNumber> candidates = waba.coexistence() && !onApp.isEmpty() ? onApp : numbers;
            return switch (candidates.size()) {
                case 0 -> StepOutcome.done(NO_NUMBER).withPhoneRegistration(NO_NUMBER);
                case 1 -> StepOutcome.done("adopted").withPhoneNumber(candidates.get(0).id());
                default -> StepOutcome.done(SEVERAL_NUMBERS).withPhoneRegistration(SEVERAL_NUMBERS);
            };
        });
    }

    /**
     * Registers unless the number is on Cloud API already; the PIN is generated once and kept sealed. A
     * coexistence number is never registered (Meta: it stays on the WhatsApp Business app; reference §3.3).
     */
    private Uni<StepOutcome> registerPhone(Waba waba, String token, String owner) {
        if (waba.phoneNumberId() == null) {
            // Keeps what resolving found (several_numbers), so ops see why nothing was registered.
            String why = SEVERAL_NUMBERS.equals(waba.phoneRegistration()) ? SEVERAL_NUMBERS : NO_NUMBER;
            return Uni.createFrom().item(StepOutcome.skipped(why).withPhoneRegistration(why));
        }
        if (waba.coexistence()) {
            return Uni.createFrom().item(StepOutcome.skipped(COEXISTENCE).withPhoneRegistration(COEXISTENCE));
        }
        return graph.isRegisteredOnCloudApi(waba.wabaId(), waba.phoneNumberId(), token).flatMap(registered -> {
            if (registered) {
                return Uni.createFrom().item(StepOutcome.done("already_registered").withPhoneRegistration("already_registered"));
            }
            Uni<String> pin;
            if (waba.pin() != null) {
                pin = Uni.createFrom().item(secrets.openFromStorage(waba.pin(), waba.phoneNumberId()));
            } else {
                String fresh = String.format("%06d", random.nextInt(1_000_000));
                EncryptedSecret sealed = secrets.sealForStorage(fresh, waba.phoneNumberId());
                pin = store.savePin(waba, owner, sealed).replaceWith(fresh);
            }
            return pin.flatMap(p -> graph.register(waba.phoneNumberId(), p, token))
                    .replaceWith(StepOutcome.done("registered").withPhoneRegistration("registered"));
        });
    }

    /**
     * Coexistence: asks Meta to sync the app's contacts, then its message history, each once per onboarding
     * (Meta, "Onboarding WhatsApp Business app users (coexistence)",
     * https://developers.facebook.com/docs/whatsapp/embedded-signup/onboarding-business-app-users; allowed within
     * 24 hours of onboarding). Graph offers no way to ask whether a sync was requested, so a step whose earlier
     * attempt had an unknown outcome simply asks again: Meta's "already requested" answer means it took effect.
     */
    private Uni<StepOutcome> syncAppData(Waba waba, String token) {
        if (!waba.coexistence()) {
            return Uni.createFrom().item(StepOutcome.skipped("not_coexistence"));
        }
        if (waba.phoneNumberId() == null) {
            return Uni.createFrom().item(StepOutcome.skipped(NO_NUMBER));
        }
        return requestSync(waba, AppDataSync.CONTACTS, token)
                .flatMap(contacts -> requestSync(waba, AppDataSync.HISTORY, token)
                        .map(history -> StepOutcome.done(contacts && history ? "requested" : "already_requested")));
    }

    /** True when this call requested the sync, false when Meta says it was requested before. */
    private Uni<Boolean> requestSync(Waba waba, String syncType, String token) {
        return graph.syncAppData(waba.phoneNumberId(), syncType, token).replaceWith(true)
                .onFailure(e -> e instanceof ProviderException p && GraphErrorCodes.appDataAlreadySynced(p.code(), p.subcode()))
                .recoverWithItem(false);
    }

    private Uni<StepOutcome> revokeCreditSharing(MetaApp app, Waba waba, boolean attemptedBefore) {
        if (waba.allocationConfigId() == null) {
            return Uni.createFrom().item(StepOutcome.skipped("nothing_shared").withCreditSharing(null, null, "none"));
        }
        return graph.revokeAllocation(app, waba.allocationConfigId())
                .replaceWith(StepOutcome.done("revoked").withCreditSharing(null, null, "revoked"))
                // Graph answers 100 for an allocation that no longer exists: after an unclear first attempt, that means done.
                .onFailure(e -> attemptedBefore && e instanceof ProviderException p && p.code() != null
                        && p.code() == GraphErrorCodes.INVALID_PARAMETER)
                .recoverWithItem(StepOutcome.done("already_revoked").withCreditSharing(null, null, "revoked"));
    }

    /**
     * The WABA's app and the token its calls use: the signup's business token, or for a WABA onboarded by
     * webhook alone (Meta-hosted Embedded Signup: no code, no business token) the hub's System User token,
     * which reaches the WABA once it is shared with the partner.
     */
    private Uni<StepOutcome> withToken(Waba waba, BiFunction<MetaApp, String, Uni<StepOutcome>> step) {
        MetaApp app = apps.forHub(waba.hubId());
        return Uni.createFrom().deferred(() -> step.apply(app, Waba.SYSTEM_USER_TOKEN.equals(waba.tokenSource())
                ? app.systemUserToken() : secrets.openFromStorage(waba.businessToken(), waba.wabaId())));
    }
}
