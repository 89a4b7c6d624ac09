package dev.jwtauth.sample.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Deployed only with the test archives: breaks the refresh-token table behind jwtauth's back, with
 * plain JDBC on the server's own data source. "Break" renames the table, so every statement of jwtauth on it fails
 * as it would when the database is lost; "mend" renames it back.
 */
@Path("it-store")
public class StoreFixture {
    static final String TABLE = "JWTAUTH_REFRESH_TOKEN";
    private static final String AWAY = "JWTAUTH_REFRESH_TOKEN_AWAY";

    @Resource(lookup = "jdbc/jwtauth")
    DataSource dataSource;

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
