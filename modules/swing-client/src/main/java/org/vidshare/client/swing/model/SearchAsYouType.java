package org.vidshare.client.swing.model;

import java.util.function.Consumer;

/**
 * Search as you type: every keystroke (re)starts a short delay, and only the text standing when
 * the delay runs out is searched for, so typing "bunny" asks the server once, not five times.
 * Clearing the box is a search for "" (the full list again); Enter searches at once. A text equal
 * to the one searched last asks nothing. Calls come on one thread (the EDT), as do the runs.
 */
public final class SearchAsYouType {
    /** Runs a task after a delay; the returned action cancels it if it has not run yet. */
    @FunctionalInterface
    public interface Scheduler {
        Runnable schedule(Runnable task, long delayMillis);
    }

    /** What the window waits after the last keystroke. */
    public static final long DEFAULT_DELAY_MILLIS = 300;

    private final Scheduler scheduler;
    private final long delayMillis;
    private final Consumer<String> search;
    private Runnable cancelPending = () -> { };
    private String searched;

    /**
     * @param searched the text the view shows results for now
     * @param search   runs the search for a (trimmed) text
     */
    public SearchAsYouType(Scheduler scheduler, long delayMillis, String searched, Consumer<String> search) {
        this.scheduler = scheduler;
        this.delayMillis = delayMillis;
        this.searched = searched == null ? "" : searched.trim();
        this.search = search;
    }

    /** The box's text changed. */
    public void typed(String text) {
        cancelPending.run();
        String query = text == null ? "" : text.trim();
        cancelPending = scheduler.schedule(() -> run(query), delayMillis);
    }

    /** Enter (or the search button): now, without the delay, even if the text was searched already. */
    public void now(String text) {
        cancelPending.run();
        cancelPending = () -> { };
        searched = text == null ? "" : text.trim();
        search.accept(searched);
    }

    /** The text searched last. */
    public String searched() {
        return searched;
    }

    private void run(String query) {
        if (!query.equals(searched)) {
            searched = query;
            search.accept(query);
        }
    }
}
