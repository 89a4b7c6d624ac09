package dev.jwtauth.sample.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Deployed only with the identity-store tests: an application that keeps its users in a table of its own, on the
 * same data source as jwtauth, checked by Jakarta Security's database identity store. The resource lets a test add
 * a user (password {@link #PASSWORD}) with groups, change the groups, and delete the user, as the application's own
 * code would; it creates the tables on first use.
 */
@ApplicationScoped
@Path("it-callers/{name}")
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "jdbc/jwtauth",
        callerQuery = "SELECT PASSWORD FROM IT_CALLER WHERE NAME = ?",
        groupsQuery = "SELECT GROUP_NAME FROM IT_CALLER_GROUP WHERE CALLER_NAME = ?",
        hashAlgorithmParameters = {"Pbkdf2PasswordHash.Iterations=1024"})
public class DatabaseCallers {
    static final String PASSWORD = "db-password";

    @Resource(lookup = "jdbc/jwtauth")
    DataSource dataSource;

    @Inject
    Pbkdf2PasswordHash hash;

    @PUT
    public void create(@PathParam("name") String name, @QueryParam("group") List<String> groups) throws SQLException {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "1024"));
        try (Connection connection = connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO IT_CALLER (NAME, PASSWORD) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, hash.generate(PASSWORD.toCharArray()));
            insert.executeUpdate();
        }
        setGroups(name, groups);
    }

    @POST
    @Path("groups")
    public void setGroups(@PathParam("name") String name, @QueryParam("group") List<String> groups) throws SQLException {
        try (Connection connection = connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM IT_CALLER_GROUP WHERE CALLER_NAME = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO IT_CALLER_GROUP (CALLER_NAME, GROUP_NAME) VALUES (?, ?)")) {
            delete.setString(1, name);
            delete.executeUpdate();
            for (String group : groups) {
                insert.setString(1, name);
                insert.setString(2, group);
                insert.executeUpdate();
            }
        }
    }

    @DELETE
    public void delete(@PathParam("name") String name) throws SQLException {
        setGroups(name, List.of());
        try (Connection connection = connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM IT_CALLER WHERE NAME = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
    }

    /** A connection, the tables created first if this database has none yet. */
    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM IT_CALLER").close();
        } catch (SQLException missing) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IT_CALLER (NAME VARCHAR(128) NOT NULL PRIMARY KEY, PASSWORD VARCHAR(512) NOT NULL)");
                statement.execute("CREATE TABLE IT_CALLER_GROUP (CALLER_NAME VARCHAR(128) NOT NULL, GROUP_NAME VARCHAR(128) NOT NULL)");
            }
        }
        return connection;
    }
}
