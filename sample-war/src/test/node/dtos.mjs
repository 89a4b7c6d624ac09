/* The jwtauth token services' DTOs, written the way ServiceStack's "Add ServiceStack Reference" generates them for
 * JavaScript ES modules (dtos.mjs): one class per DTO with getTypeName(), getMethod() and createResponse(), which is
 * all JsonServiceClient needs to pick the URL (/api/{TypeName}) and the verb. Field names as ServiceStack's own
 * DTOs have them (docs/http.md lists them). */

export class ResponseError {
    /** @param {{errorCode?:string,fieldName?:string,message?:string,meta?:{[index:string]:string}}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    errorCode;
    /** @type {string} */
    fieldName;
    /** @type {string} */
    message;
    /** @type {{ [index:string]: string; }} */
    meta;
}

export class ResponseStatus {
    /** @param {{errorCode?:string,message?:string,stackTrace?:string,errors?:ResponseError[],meta?:{[index:string]:string}}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    errorCode;
    /** @type {string} */
    message;
    /** @type {string} */
    stackTrace;
    /** @type {ResponseError[]} */
    errors;
    /** @type {{ [index:string]: string; }} */
    meta;
}

export class AuthenticateResponse {
    /** @param {{userId?:string,sessionId?:string,userName?:string,displayName?:string,referrerUrl?:string,bearerToken?:string,refreshToken?:string,refreshTokenExpiry?:string,profileUrl?:string,roles?:string[],permissions?:string[],authProvider?:string,responseStatus?:ResponseStatus,meta?:{[index:string]:string}}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    userId;
    /** @type {string} */
    sessionId;
    /** @type {string} */
    userName;
    /** @type {string} */
    displayName;
    /** @type {string} */
    referrerUrl;
    /** @type {string} */
    bearerToken;
    /** @type {string} */
    refreshToken;
    /** @type {?string} */
    refreshTokenExpiry;
    /** @type {string} */
    profileUrl;
    /** @type {string[]} */
    roles;
    /** @type {string[]} */
    permissions;
    /** @type {string} */
    authProvider;
    /** @type {ResponseStatus} */
    responseStatus;
    /** @type {{ [index:string]: string; }} */
    meta;
}

export class GetAccessTokenResponse {
    /** @param {{accessToken?:string,meta?:{[index:string]:string},responseStatus?:ResponseStatus}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    accessToken;
    /** @type {{ [index:string]: string; }} */
    meta;
    /** @type {ResponseStatus} */
    responseStatus;
}

/** @Route("/auth", "GET,POST") @Route("/auth/{provider}", "GET,POST") */
export class Authenticate {
    /** @param {{provider?:string,userName?:string,password?:string,rememberMe?:boolean,accessToken?:string,accessTokenSecret?:string,returnUrl?:string,errorView?:string,useTokenCookie?:boolean,meta?:{[index:string]:string}}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} AuthProvider, e.g. credentials */
    provider;
    /** @type {string} */
    userName;
    /** @type {string} */
    password;
    /** @type {?boolean} */
    rememberMe;
    /** @type {string} */
    accessToken;
    /** @type {string} */
    accessTokenSecret;
    /** @type {string} */
    returnUrl;
    /** @type {string} */
    errorView;
    /** @type {?boolean} in the DTOs of ServiceStack v5–v6.0; still honoured by jwtauth */
    useTokenCookie;
    /** @type {{ [index:string]: string; }} */
    meta;
    getTypeName() { return 'Authenticate' }
    getMethod() { return 'POST' }
    createResponse() { return new AuthenticateResponse() }
}

/** @Route("/auth/logout", "GET,POST") */
export class AuthenticateLogout {
    /** @param {{returnUrl?:string}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    returnUrl;
    getTypeName() { return 'AuthenticateLogout' }
    getMethod() { return 'POST' }
    createResponse() { return new AuthenticateResponse() }
}

/** @Route("/access-token") */
export class GetAccessToken {
    /** @param {{refreshToken?:string,useTokenCookie?:boolean,meta?:{[index:string]:string}}} [init] */
    constructor(init) { Object.assign(this, init) }
    /** @type {string} */
    refreshToken;
    /** @type {?boolean} */
    useTokenCookie;
    /** @type {{ [index:string]: string; }} */
    meta;
    getTypeName() { return 'GetAccessToken' }
    getMethod() { return 'POST' }
    createResponse() { return new GetAccessTokenResponse() }
}
