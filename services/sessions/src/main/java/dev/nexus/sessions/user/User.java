package dev.nexus.sessions.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** Read side of the users projection that the platform's UsersProjection keeps from identity's events. */
@Entity
@Immutable
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "time_zone")
    public String timeZone;
}
