package dev.jwtauth.sample.it.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's notes, in the application's own persistence unit — injected without {@code unitName}, as
 * applications write it — and the caller as jwtauth's token says.
 */
@Path("/notes")
@RequestScoped
@RolesAllowed("User")
public class Notes {
    @PersistenceContext
    EntityManager em;

    @Inject
    JsonWebToken jwt;

    @Inject
    @Claim("perms")
    Set<String> permissions;

    @POST
    @Transactional
    @Consumes(MediaType.TEXT_PLAIN)
    public void add(String text) {
        em.persist(new Note(jwt.getName(), text));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> mine() {
        List<String> notes = em.createQuery("SELECT n.text FROM Note n WHERE n.owner = :owner ORDER BY n.id", String.class)
                .setParameter("owner", jwt.getName()).getResultList();
        return Map.of("user", jwt.getName(), "permissions", permissions, "notes", notes);
    }
}
