'use strict';
/*
 * The sample's sign-in page: jwtauth's documented HTTP API (docs/http.md) used by a browser in cookie mode.
 *
 * - The tokens are in the HttpOnly cookies ss-tok and ss-reftok, which no script can read, so a script injected
 *   into the page cannot carry them off either. Who is signed in comes from "who am I" (GET auth), the token's
 *   claims and expiry from the application's own resource (GET user), which reads them from the token.
 * - When the access token expires, the browser drops its cookie (it lives exactly as long as the token), and the
 *   next request is served as the same user through the refresh-token cookie, with fresh cookies in its answer
 *   (the transparent refresh): the page does nothing for it.
 * - Every request goes to the page's own origin; fetch sends the Origin and Sec-Fetch-Site headers by which
 *   jwtauth's cross-site guard knows it, and JSON bodies say application/json.
 * - A tenant is a host (<tenant>.localhost, the sample's jwt.TenantDomain): an origin of its own, so cookies of
 *   its own. With the X-Tenant header instead, one pair of cookies would go to every tenant, and each would refuse
 *   (and delete) the other tenants' tokens.
 * - Paths are relative, so the page works at any context root.
 * - A token for API tools (Swagger UI, curl) is the one thing the page hands out: a sign-in of its own in body mode,
 *   made without the browser's cookies, whose refresh token is revoked at once.
 */

const TENANTS = ['acme', 'globex'];
const TENANT_DOMAIN = 'localhost';
const REASONS = {
    400: 'Bad request', 401: 'Not signed in', 403: 'Not allowed', 404: 'Not found', 405: 'Method not allowed',
    413: 'Too large', 415: 'Unsupported content type', 429: 'Too many attempts', 500: 'Server error',
    503: 'Service unavailable'
};
const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time', 'updated_at'];

const $ = id => document.getElementById(id);
let expiryTimer;
let callerName;

/**
 * One request to the server: {ok, status, json} when it succeeds, else {ok: false, status, errorCode, message} with
 * the server's message (responseStatus.message) put as a person reads it. With credentials 'omit' the browser
 * neither sends its cookies nor stores any the answer sets: the page's own sign-in is left as it is.
 */
async function send(method, path, body, credentials = 'same-origin') {
    const init = {method, headers: {Accept: 'application/json'}, credentials, cache: 'no-store'};
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, init);
    } catch (e) {
        return {ok: false, status: 0, message: 'The server did not answer. Is it running?'};
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        // not JSON: an error page of the server's, described by its status alone
    }
    if (response.ok) {
        return {ok: true, status: response.status, json};
    }
    const status = json && json.responseStatus;
    return {
        ok: false,
        status: response.status,
        errorCode: status ? status.errorCode : undefined,
        message: describe(response, status)
    };
}

/** "403 Not allowed: Invalid Role", with the field errors and when to try again, where the answer has them. */
function describe(response, status) {
    let text = response.status + ' ' + (REASONS[response.status] || 'Refused');
    if (status && status.message) {
        text += ': ' + status.message;
        for (const error of status.errors || []) {
            if (error.message && error.message !== status.message) {
                text += ' ' + error.message;
            }
        }
    }
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter) {
        text += ' (try again in ' + retryAfter + ' s)';
    }
    return text;
}

function showMessage(text, isError) {
    const message = $('message');
    message.textContent = text;
    message.className = isError ? 'error' : 'info';
    message.hidden = false;
}

function clearMessage() {
    $('message').hidden = true;
    $('message').textContent = '';
}

/** Who is signed in (GET auth) and what the token says (GET user); the sign-in form when nobody is. */
async function showCaller() {
    const who = await send('GET', 'auth');
    if (!who.ok) {
        showSignedOut();
        if (who.errorCode !== 'Unauthorized') {
            showMessage(who.message, true);   // e.g. a refresh token that was revoked: "Token has been invalidated"
        }
        return;
    }
    const caller = who.json;
    callerName = caller.userName;
    $('caller').textContent = caller.displayName && caller.displayName !== caller.userName
        ? caller.displayName + ' (' + caller.userName + ')' : caller.userName || caller.userId;
    $('roles').textContent = (caller.roles || []).join(', ') || 'none';
    $('permissions').textContent = (caller.permissions || []).join(', ') || 'none';
    $('sign-in').hidden = true;
    $('session').hidden = false;
    $('tool-token').hidden = !callerName;   // a caller without a user name (another login) cannot sign in again
    $('token').hidden = false;
    const me = await send('GET', 'user');
    if (me.ok) {
        showToken(me.json);
    } else {
        showClaimsRefused(me.message);
    }
}

function showSignedOut() {
    clearInterval(expiryTimer);
    $('session').hidden = true;
    $('token').hidden = true;
    $('tool-token').hidden = true;
    hideToolToken();
    $('sign-in').hidden = false;
}

/** The claims and the expiry of the access token, from an answer of GET user. */
function showToken(user) {
    const claims = user.claims || {};
    $('tenant').textContent = claims.tenant || 'none';
    const table = $('claims');
    table.replaceChildren();
    for (const [name, value] of Object.entries(claims)) {
        const row = table.insertRow();
        row.insertCell().textContent = name;
        row.insertCell().textContent = claimText(name, value);
    }
    showExpiry(user.exp);
}

function showClaimsRefused(message) {
    $('tenant').textContent = '?';
    $('claims').replaceChildren();
    $('claims').insertRow().insertCell().textContent = 'GET /user answered ' + message;
    clearInterval(expiryTimer);
    $('expiry').textContent = 'unknown';
}

function claimText(name, value) {
    if (TIME_CLAIMS.includes(name) && typeof value === 'number') {
        return value + ' (' + new Date(value * 1000).toLocaleString() + ')';
    }
    if (Array.isArray(value)) {
        return value.join(', ');
    }
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** When the access token expires, counted down each second. */
function showExpiry(exp) {
    const expiry = $('expiry');
    expiry.dataset.exp = exp;
    clearInterval(expiryTimer);
    const at = new Date(exp * 1000).toLocaleTimeString();
    const tick = () => {
        const left = Math.ceil(exp - Date.now() / 1000);
        if (left > 0) {
            expiry.dataset.state = 'valid';
            expiry.textContent = 'expires at ' + at + ' (in ' + left + ' s)';
        } else {
            expiry.dataset.state = 'expired';
            expiry.textContent = 'expired at ' + at + '. Your next request is answered through the refresh-token '
                + 'cookie, with a new access token.';
            clearInterval(expiryTimer);
        }
    };
    tick();
    expiryTimer = setInterval(tick, 1000);
}

async function signIn(event) {
    event.preventDefault();
    clearMessage();
    // cookie mode, jwtauth's default: the answer sets the HttpOnly ss-tok and ss-reftok cookies
    const answer = await send('POST', 'auth/credentials', {userName: $('user-name').value, password: $('password').value});
    $('password').value = '';
    if (!answer.ok) {
        showMessage(answer.message, true);
        return;
    }
    await showCaller();
    showMessage('Signed in.', false);
}

async function refresh() {
    clearMessage();
    const answer = await send('POST', 'access-token', {});   // the refresh token comes as the ss-reftok cookie
    if (!answer.ok) {
        showMessage(answer.message, true);
        return;
    }
    await showCaller();
    showMessage('A new access token was issued.', false);
}

async function signOut() {
    clearMessage();
    const answer = await send('POST', 'auth/logout', {});
    if (!answer.ok) {
        showMessage(answer.message, true);
        return;
    }
    showSignedOut();
    showMessage('Signed out: the refresh token is revoked and both cookies are deleted.', false);
}

/**
 * A token for API tools. The page's own access token is in an HttpOnly cookie, out of its script's reach (and
 * should stay there), so the signed-in user gives the password again for a sign-in of the tool's own: body mode
 * (useTokenCookie false), without the browser's cookies. Its refresh token is revoked at once through logout with
 * that refresh token in the body (again without cookies, so the page's session is not signed out): the tool holds
 * the access token alone, which no sign-out ends and which stops working when it expires.
 */
async function issueToolToken(event) {
    event.preventDefault();
    clearMessage();
    hideToolToken();
    const password = $('tool-password').value;
    $('tool-password').value = '';
    const signIn = await send('POST', 'auth/credentials', {userName: callerName, password, useTokenCookie: false}, 'omit');
    if (!signIn.ok) {
        showMessage(signIn.message, true);
        return;
    }
    const revoked = await send('POST', 'auth/logout', {refreshToken: signIn.json.refreshToken}, 'omit');
    showToolToken(signIn.json.bearerToken);
    if (revoked.ok) {
        showMessage('A token for API tools was issued; its refresh token is already revoked.', false);
    } else {
        showMessage('A token for API tools was issued, but its refresh token could not be revoked: ' + revoked.message
            + '. It expires on its own; sign out everywhere to end it sooner.', true);
    }
}

function showToolToken(token) {
    $('tool-token-value').value = token;
    const exp = tokenExpiry(token);
    $('tool-token-expiry').textContent = exp
        ? 'Expires at ' + new Date(exp * 1000).toLocaleString() + '.'
        : 'An encrypted token: its expiry is for the server to read.';
    $('tool-token-result').hidden = false;
}

function hideToolToken() {
    $('tool-token-result').hidden = true;
    $('tool-token-value').value = '';
    $('tool-token-expiry').textContent = '';
    $('copy-token').textContent = 'Copy';
}

/** The exp claim of a signed token (three parts); undefined for an encrypted one (five), which only the server reads. */
function tokenExpiry(token) {
    const parts = token.split('.');
    if (parts.length !== 3) {
        return undefined;
    }
    return JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))).exp;
}

async function copyToolToken() {
    try {
        await navigator.clipboard.writeText($('tool-token-value').value);
        $('copy-token').textContent = 'Copied';
    } catch (e) {
        $('tool-token-value').select();
        showMessage('The browser did not let the page copy: the token is selected, copy it with Ctrl+C.', true);
    }
}

/** Calls a resource of the application and shows its answer, refusals as sentences. */
async function callResource(path) {
    const answer = $('answer');
    answer.hidden = true;
    answer.removeAttribute('data-status');
    const reply = await send('GET', path);
    answer.dataset.status = reply.status;
    answer.className = reply.ok ? 'ok' : 'error';
    $('answer-status').textContent = 'GET /' + path + ': ' + (reply.ok ? reply.status + ' OK' : reply.message);
    $('answer-body').textContent = reply.ok ? JSON.stringify(reply.json, null, 2) : '';
    $('answer-body').hidden = !reply.ok;
    answer.hidden = false;
    if (reply.ok && path === 'user' && !$('session').hidden) {
        showToken(reply.json);   // a transparent refresh may have brought a new token
    }
}

/** Links to the same page at each tenant's host; the current one marked. */
function showTenants() {
    const host = location.hostname;
    const label = host.split('.')[0];
    const current = TENANTS.includes(label) && host === label + '.' + TENANT_DOMAIN ? label : '';
    const nav = $('tenants');
    if (host !== TENANT_DOMAIN && !current) {
        nav.hidden = true;   // tenants are hosts under localhost here: none to link to from another host
        return;
    }
    const port = location.port ? ':' + location.port : '';
    for (const link of nav.querySelectorAll('a[data-tenant]')) {
        const tenant = link.dataset.tenant;
        link.href = location.protocol + '//' + (tenant ? tenant + '.' : '') + TENANT_DOMAIN + port + location.pathname;
        if (tenant === current) {
            link.setAttribute('aria-current', 'page');
        }
    }
}

document.addEventListener('DOMContentLoaded', () => {
    showTenants();
    $('sign-in-form').addEventListener('submit', signIn);
    $('refresh').addEventListener('click', refresh);
    $('sign-out').addEventListener('click', signOut);
    $('tool-token-form').addEventListener('submit', issueToolToken);
    $('copy-token').addEventListener('click', copyToolToken);
    $('call-user').addEventListener('click', () => callResource('user'));
    $('call-admin').addEventListener('click', () => callResource('admin'));
    showCaller();
});
