package org.vidshare.client.swing.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.swing.event.TableModelEvent;
import org.vidshare.client.ClientReply;

/**
 * The views of the window as data, from the features alone: one tab per command that declares a
 * view (in menu order), each with the commands offered on it (buttons, and row actions filling
 * their fields from the selected row), as the commands' specs say. The client names only its custom
 * views ({@code custom}: the movie panel), so a drop-in's list command gets a tab with no client change.
 *
 * <p>Money is shown in several places (the wallet, the account, the status bar's balance): after any
 * command that is not repeatable (it changed something: a purchase, a recharge, a grant, a lock)
 * and after a download is granted (a paid movie is charged then), every view and the account are
 * read again, so no view keeps an old balance.
 */
public final class Views {
    /** A command offered on a view: a button, or an action on the selected row. */
    public record Action(Feature command, Feature.ActsOn on) {
        public boolean needsRow() {
            return on.needsRow();
        }
    }

    /** One tab: its view model and the actions offered on it. */
    public record Tab(ViewModel view, List<Action> actions) {
        public String type() {
            return view.type();
        }
    }

    private final Connection connection;
    private final Texts texts;
    private final Executor ui;
    private final Set<String> custom;
    private final Map<String, ViewModel> kept = new HashMap<>();
    private final List<Runnable> refreshListeners = new CopyOnWriteArrayList<>();
    private List<Tab> tabs = List.of();
    private Long keptFor;

    /** @param custom the types the client shows with views of its own (no generic tab for them) */
    public Views(Connection connection, Texts texts, Executor ui, Set<String> custom) {
        this.connection = connection;
        this.texts = texts;
        this.ui = ui;
        this.custom = Set.copyOf(custom);
        update();
    }

    /**
     * The tabs for the current features. A view whose feature did not change keeps its model (and
     * its rows), also across a reconnect, whose public features in between list none of the
     * account's views; a changed or new one starts empty, and so does every view of another
     * account. Returns the tabs.
     */
    public List<Tab> update() {
        Connection.Account account = connection.account();
        if (account != null && (keptFor == null || keptFor != account.userId())) {
            kept.clear(); // another account: nothing of the last one's rows stays
            keptFor = account.userId();
        }
        List<Feature> features = connection.features();
        List<String> order = new ArrayList<>(MenuModel.of(features).types());
        features.stream().map(Feature::type).filter(t -> !order.contains(t)).forEach(order::add);
        Map<String, Feature> byType = new LinkedHashMap<>();
        features.forEach(f -> byType.put(f.type(), f));
        List<Tab> built = new ArrayList<>();
        for (String type : order) {
            Feature feature = byType.get(type);
            if (feature.view() == null || custom.contains(type)) {
                continue;
            }
            ViewModel old = kept.get(type);
            ViewModel model = old != null && old.feature().equals(feature) ? old : new ViewModel(feature, texts);
            kept.put(type, model);
            built.add(new Tab(model, actionsOn(type, features)));
        }
        tabs = List.copyOf(built);
        return tabs;
    }

    private static List<Action> actionsOn(String list, List<Feature> features) {
        List<Action> actions = new ArrayList<>();
        for (Feature feature : features) {
            feature.actsOn().stream().filter(a -> a.list().equals(list)).findFirst()
                    .ifPresent(on -> actions.add(new Action(feature, on)));
        }
        actions.sort(java.util.Comparator.comparing(Action::needsRow).thenComparingInt(a -> a.command().position()));
        return List.copyOf(actions);
    }

    public List<Tab> tabs() {
        return tabs;
    }

    /** The tab of {@code type}, or null. */
    public Tab tab(String type) {
        return tabs.stream().filter(t -> t.type().equals(type)).findFirst().orElse(null);
    }

    /** Told (on the ui executor) after the views and the account were read again. */
    public void onRefreshed(Runnable listener) {
        refreshListeners.add(listener);
    }

    /** Whether {@code action} can run now: the account does not make it pointless, and a row is selected when it needs one. */
    public boolean enabled(Action action, int selectedRow) {
        return !action.command().disabledFor(connection.accountFacts()) && (!action.needsRow() || selectedRow >= 0);
    }

    /** Whether {@code feature} is pointless for the signed-in account (buy_vip for a VIP). */
    public boolean disabled(Feature feature) {
        return feature.disabledFor(connection.accountFacts());
    }

    /** The fields a row action fills from the row {@code row} of its view (raw values). */
    public Map<String, String> prefill(Action action, ViewModel view, int row) {
        Map<String, String> prefill = new LinkedHashMap<>();
        action.on().fromRow().forEach((field, key) -> {
            String value = view.rowValue(row, key);
            if (value != null) {
                prefill.put(field, value);
            }
        });
        return prefill;
    }

    /** Reads every view again; completes when all replies are shown. */
    public CompletableFuture<Void> reloadAll() {
        List<CompletableFuture<ClientReply>> loads = new ArrayList<>();
        for (Tab tab : tabs) {
            loads.add(tab.view().reload(connection, ui));
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
    }

    /**
     * After something changed on the server (a purchase, a recharge...): the account (status bar)
     * and every view are read again. Completes when all of them show the new state.
     */
    public CompletableFuture<Void> refreshAfterChange() {
        CompletableFuture<ClientReply> account = connection.account() == null
                ? CompletableFuture.completedFuture(null) : connection.refreshAccount();
        return CompletableFuture.allOf(account, reloadAll()).handleAsync((v, failure) -> {
            refreshListeners.forEach(Runnable::run);
            return null;
        }, ui);
    }

    /**
     * Sends a command built by a form or a row action; a success of a command that is not
     * repeatable (it changed something) refreshes the account and every view before the returned
     * future completes with the reply.
     */
    public CompletableFuture<ClientReply> run(Feature feature, Map<String, ?> request) {
        return connection.call(request).thenCompose(reply -> changed(feature, reply).thenApply(v -> reply));
    }

    /**
     * What follows a reply of {@code feature} that the window sent itself (a form dialog): after a
     * success, everything is read again when it changed something; a repeatable command offered on
     * views (finishing a task) still has those views read again.
     */
    public CompletableFuture<Void> changed(Feature feature, ClientReply reply) {
        if (!reply.ok()) {
            return CompletableFuture.completedFuture(null);
        }
        if (!feature.repeatable()) {
            return refreshAfterChange();
        }
        List<CompletableFuture<ClientReply>> loads = new ArrayList<>();
        for (Feature.ActsOn on : feature.actsOn()) {
            Tab tab = tab(on.list());
            if (tab != null) {
                loads.add(tab.view().reload(connection, ui));
            }
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
    }

    /**
     * Refreshes the money views when a download is granted (a paid movie is charged at the grant,
     * not when the bytes end) and when a transfer ends.
     */
    public void watch(TransferListModel transfers) {
        Set<Transfer> granted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        transfers.addTableModelListener(event -> {
            if (event.getType() == TableModelEvent.DELETE) {
                return;
            }
            for (Transfer transfer : transfers.transfers()) {
                if (transfer.kind() == Transfer.Kind.DOWNLOAD && pastGrant(transfer) && granted.add(transfer)) {
                    refreshAfterChange();
                }
            }
        });
        transfers.onFinished(this::refreshAfterChange);
    }

    private static boolean pastGrant(Transfer transfer) {
        return switch (transfer.state()) {
            case WAITING, RUNNING, VERIFYING, DONE -> true;
            default -> false;
        };
    }
}
