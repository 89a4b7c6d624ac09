package dev.jwtauth.sample.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Deployed only with the test archives: looks at and breaks the refresh-token table behind jwtauth's back, with
 * plain JDBC on the server's own data source. "Break" renames the table, so every statement of jwtauth on it fails
 * as it would when the database is lost; "mend" renames it back.
 */
@Path("it-store")
public class StoreFixture {
    static final String TABLE = "JWTAUTH_REFRESH_TOKEN";
    private static final String AWAY = "JWTAUTH_REFRESH_TOKEN_AWAY";

    @Resource(lookup = "jdbc/jwtauth")
    DataSource dataSource;

    /** Every row the store keeps for the user's refresh tokens: live, replaced, revoked or expired. */
    @GET
    @Path("rows/{userId}")
    public long rows(@PathParam("userId") String userId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE USER_ID = ?")) {
            count.setString(1, userId);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @POST
    @Path("break")
    public void breakTable() throws SQLException {
        rename(TABLE, AWAY);
    }

    @POST
    @Path("mend")
    public void mendTable() throws SQLException {
        rename(AWAY, TABLE);
    }

    private void rename(String from, String to) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean derby = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("derby");
            statement.execute(derby ? "RENAME TABLE " + from + " TO " + to : "ALTER TABLE " + from + " RENAME TO " + to);
        }
    }
}
