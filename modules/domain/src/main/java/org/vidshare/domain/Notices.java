package org.vidshare.domain;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Notice lookups and their wire form. */
public final class Notices {
    private Notices() {
    }

    public static Optional<Notice> newest(EntityManager em) {
        return em.createQuery("SELECT n FROM Notice n ORDER BY n.createTime DESC, n.id DESC", Notice.class)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    public static Map<String, Object> toWire(Notice notice) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", notice.getId());
        map.put("title", notice.getTitle());
        map.put("content", notice.getContent());
        map.put("create_time", WireTime.format(notice.getCreateTime()));
        return map;
    }
}
