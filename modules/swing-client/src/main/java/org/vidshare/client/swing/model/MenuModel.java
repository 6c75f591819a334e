package org.vidshare.client.swing.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The menu bar as data: the features that carry a menu path, grouped by path and sorted by
 * position (then type), menus in the order the server lists them, as NetBeans'
 * {@code @ActionReference}: the plugin states its place, the client only sorts. The path comes in
 * the connection's language; the server's order does not depend on it, so the bar keeps its order
 * when the language changes. A path with {@code /} makes a submenu under its first part. Features
 * without a menu (ping, logout, check_movie) get no entry.
 */
public final class MenuModel {
    /** One menu: its path and its entries in order. */
    public record Menu(String path, List<Feature> entries) {
        /** The menu's title on the bar: the first part of the path. */
        public String top() {
            int slash = path.indexOf('/');
            return slash < 0 ? path : path.substring(0, slash);
        }

        /** The submenu title, or null when the entries sit directly in the top menu. */
        public String sub() {
            int slash = path.indexOf('/');
            return slash < 0 ? null : path.substring(slash + 1);
        }
    }

    private final List<Menu> menus;

    private MenuModel(List<Menu> menus) {
        this.menus = menus;
    }

    public static MenuModel of(List<Feature> features) {
        Map<String, List<Feature>> byPath = new LinkedHashMap<>();
        for (Feature feature : features) {
            if (feature.hasMenu()) {
                byPath.computeIfAbsent(feature.menu(), p -> new ArrayList<>()).add(feature);
            }
        }
        List<Menu> menus = new ArrayList<>();
        byPath.forEach((path, entries) -> {
            entries.sort(Comparator.comparingInt(Feature::position).thenComparing(Feature::type));
            menus.add(new Menu(path, List.copyOf(entries)));
        });
        return new MenuModel(List.copyOf(menus));
    }

    public List<Menu> menus() {
        return menus;
    }

    /** Top-level menu titles in order (the bar). */
    public List<String> tops() {
        return menus.stream().map(Menu::top).distinct().toList();
    }

    /** The command types in menu order, e.g. for tests and keyboard navigation. */
    public List<String> types() {
        return menus.stream().flatMap(m -> m.entries().stream()).map(Feature::type).toList();
    }
}
