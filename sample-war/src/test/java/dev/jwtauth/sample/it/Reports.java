package dev.jwtauth.sample.it;

import jakarta.enterprise.context.ApplicationScoped;

import dev.jwtauth.RequiresPermission;

/** Deployed only with {@link RolesAndPermissionsIT}: a CDI bean, no resource, whose method needs a permission. */
@ApplicationScoped
public class Reports {

    @RequiresPermission("reports")
    public String run() {
        return "quarterly";
    }
}
