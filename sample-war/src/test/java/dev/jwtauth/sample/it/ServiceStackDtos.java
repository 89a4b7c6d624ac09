package dev.jwtauth.sample.it;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;

import net.servicestack.client.DataContract;
import net.servicestack.client.DataMember;
import net.servicestack.client.IPost;
import net.servicestack.client.IReturn;
import net.servicestack.client.ResponseStatus;
import net.servicestack.client.Route;

/**
 * The jwtauth token services' DTOs as ServiceStack's Java "Add ServiceStack Reference" generates them into
 * {@code dtos.java}: nested static classes with public fields, fluent setters and {@code getResponseType()}. The
 * client takes the URL from the simple class name ({@code /json/reply/Authenticate}) and the verb from the marker
 * interface ({@code IPost}); {@code @Route} is informational. {@code GetAccessToken(Response)} come with the client
 * itself ({@code net.servicestack.client}). Fields as ServiceStack's.
 */
@SuppressWarnings({"unused", "checkstyle:VisibilityModifier"})
final class ServiceStackDtos {
    private ServiceStackDtos() {
    }

    @Route(Path = "/auth/{provider}", Verbs = "GET,POST")
    @DataContract
    public static class Authenticate implements IReturn<AuthenticateResponse>, IPost {
        @DataMember(Order = 1)
        public String provider = null;

        @DataMember(Order = 2)
        public String state = null;

        @DataMember(Order = 3)
        public String oauth_token = null;

        @DataMember(Order = 4)
        public String oauth_verifier = null;

        @DataMember(Order = 5)
        public String userName = null;

        @DataMember(Order = 6)
        public String password = null;

        @DataMember(Order = 7)
        public Boolean rememberMe = null;

        @DataMember(Order = 9)
        public String errorView = null;

        @DataMember(Order = 10)
        public String nonce = null;

        @DataMember(Order = 11)
        public String uri = null;

        @DataMember(Order = 12)
        public String response = null;

        @DataMember(Order = 13)
        public String qop = null;

        @DataMember(Order = 14)
        public String nc = null;

        @DataMember(Order = 15)
        public String cnonce = null;

        /** In the DTOs of ServiceStack v5 to v6.0; jwtauth still honours it. */
        @DataMember(Order = 16)
        public Boolean useTokenCookie = null;

        @DataMember(Order = 17)
        public String accessToken = null;

        @DataMember(Order = 18)
        public String accessTokenSecret = null;

        @DataMember(Order = 19)
        public String scope = null;

        @DataMember(Order = 20)
        public HashMap<String, String> meta = null;

        public String getProvider() { return provider; }
        public Authenticate setProvider(String value) { this.provider = value; return this; }
        public String getUserName() { return userName; }
        public Authenticate setUserName(String value) { this.userName = value; return this; }
        public String getPassword() { return password; }
        public Authenticate setPassword(String value) { this.password = value; return this; }
        public Boolean isRememberMe() { return rememberMe; }
        public Authenticate setRememberMe(Boolean value) { this.rememberMe = value; return this; }
        public Boolean isUseTokenCookie() { return useTokenCookie; }
        public Authenticate setUseTokenCookie(Boolean value) { this.useTokenCookie = value; return this; }
        public HashMap<String, String> getMeta() { return meta; }
        public Authenticate setMeta(HashMap<String, String> value) { this.meta = value; return this; }
        private static Object responseType = AuthenticateResponse.class;
        public Object getResponseType() { return responseType; }
    }

    @DataContract
    public static class AuthenticateResponse {
        @DataMember(Order = 1)
        public String userId = null;

        @DataMember(Order = 2)
        public String sessionId = null;

        @DataMember(Order = 3)
        public String userName = null;

        @DataMember(Order = 4)
        public String displayName = null;

        @DataMember(Order = 5)
        public String referrerUrl = null;

        @DataMember(Order = 6)
        public String bearerToken = null;

        @DataMember(Order = 7)
        public String refreshToken = null;

        @DataMember(Order = 8)
        public Date refreshTokenExpiry = null;

        @DataMember(Order = 9)
        public String profileUrl = null;

        @DataMember(Order = 10)
        public ArrayList<String> roles = null;

        @DataMember(Order = 11)
        public ArrayList<String> permissions = null;

        @DataMember(Order = 12)
        public String authProvider = null;

        @DataMember(Order = 13)
        public ResponseStatus responseStatus = null;

        @DataMember(Order = 14)
        public HashMap<String, String> meta = null;

        public String getUserId() { return userId; }
        public String getUserName() { return userName; }
        public String getDisplayName() { return displayName; }
        public String getBearerToken() { return bearerToken; }
        public String getRefreshToken() { return refreshToken; }
        public Date getRefreshTokenExpiry() { return refreshTokenExpiry; }
        public ArrayList<String> getRoles() { return roles; }
        public ArrayList<String> getPermissions() { return permissions; }
        public String getAuthProvider() { return authProvider; }
        public ResponseStatus getResponseStatus() { return responseStatus; }
    }

    @Route(Path = "/auth/logout", Verbs = "GET,POST")
    @DataContract
    public static class AuthenticateLogout implements IReturn<AuthenticateResponse>, IPost {
        @DataMember(Order = 1)
        public String returnUrl = null;

        public String getReturnUrl() { return returnUrl; }
        public AuthenticateLogout setReturnUrl(String value) { this.returnUrl = value; return this; }
        private static Object responseType = AuthenticateResponse.class;
        public Object getResponseType() { return responseType; }
    }

    /** Not a ServiceStack DTO: what the sample's {@code /user} and {@code /admin} resources answer. */
    public static class CallerView {
        public String caller;
        public String subject;
        public ArrayList<String> groups;
        public Boolean isUser;
        public Boolean isAdmin;
        public Boolean secure;
    }
}
