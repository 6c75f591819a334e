package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

/** An account, user or admin. The password is kept only as a salted slow hash of its md5 hex. */
@Entity
@Table(name = "VS_USER", uniqueConstraints = @UniqueConstraint(name = "UQ_USER_NAME", columnNames = "NAME"))
public class User {
    public static final String TYPE_USER = "user";
    public static final String TYPE_ADMIN = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "user_ids")
    @TableGenerator(name = "user_ids", table = "VS_IDS", pkColumnValue = "user", allocationSize = 20)
    private long id;

    @Column(name = "NAME", nullable = false, length = 128)
    private String name;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 256)
    private String passwordHash;

    @Column(name = "USER_TYPE", nullable = false, length = 16)
    private String userType;

    @Column(name = "IS_VIP", nullable = false)
    private boolean vip;

    @Column(name = "IS_LOCKED", nullable = false)
    private boolean locked;

    /** Epoch milliseconds: portable across databases, formatted with an offset on the wire. */
    @Column(name = "REGISTER_TIME", nullable = false)
    private long registerTime;

    @Column(name = "BALANCE_CENTS", nullable = false)
    private long balanceCents;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected User() {
    }

    public User(String name, String passwordHash, String userType, long registerTime) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.userType = userType;
        this.registerTime = registerTime;
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getUserType() {
        return userType;
    }

    public boolean isAdmin() {
        return TYPE_ADMIN.equals(userType);
    }

    public boolean isVip() {
        return vip;
    }

    public void setVip(boolean vip) {
        this.vip = vip;
    }

    public boolean isLocked() {
        return locked;
    }

    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    public long getRegisterTime() {
        return registerTime;
    }

    public long getBalanceCents() {
        return balanceCents;
    }

    public void setBalanceCents(long balanceCents) {
        this.balanceCents = balanceCents;
    }
}
