// Drives a jwtauth server with ServiceStack's own npm client, @servicestack/client, the way a Node application uses
// it: `new JsonServiceClient(baseUrl)`, generated-style DTOs, no help from us on the wire.
//
//   node servicestack-client.mjs <baseUrl>      e.g. https://localhost:9444/clients-js/
//
// The server must issue short-lived access tokens (a few seconds, no clock skew), so that the script can wait for
// them to expire. Prints one line per step and every request/response the client made; exits 1 on the first failed
// step, 2 on bad usage. A self-signed server certificate needs NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment.

import { JsonServiceClient } from '@servicestack/client'
import { Authenticate, AuthenticateLogout, GetAccessToken } from './dtos.mjs'

const baseUrl = process.argv[2]
if (!baseUrl) {
    console.error('usage: node servicestack-client.mjs <baseUrl>')
    process.exit(2)
}
const USER = { userName: 'alice', password: 'jwtauth-demo' }
const ADMIN = { userName: 'admin', password: 'jwtauth-demo' }

/** Runs one step; on failure prints why and stops the script. */
async function step(name, body) {
    try {
        const detail = await body()
        console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`)
    } catch (e) {
        const reason = e instanceof Error ? e.message + (e.cause ? ` (${e.cause.message ?? e.cause})` : '') : JSON.stringify(e)
        console.log(`FAIL ${name}: ${reason}`)
        process.exit(1)
    }
}

function note(text) {
    console.log(`     note: ${text}`)
}

function check(condition, message) {
    if (!condition) {
        throw new Error(message)
    }
}

function same(actual, expected, what) {
    check(JSON.stringify(actual) === JSON.stringify(expected),
        `${what}: expected ${JSON.stringify(expected)} but was ${JSON.stringify(actual)}`)
}

/** What the client throws for an error response: the body's responseStatus (plus `type` for a failed refresh). */
function describeError(e) {
    if (e instanceof Error) {
        return `${e.name}: ${e.message}`
    }
    const status = e?.responseStatus ?? {}
    return `${e?.type ? e.type + ' ' : ''}${status.errorCode}: ${status.message}`
}

async function rejection(promise) {
    try {
        const value = await promise
        throw new Error(`expected the call to fail, but it answered ${JSON.stringify(value)}`)
    } catch (e) {
        if (e instanceof Error && e.message.startsWith('expected the call to fail')) {
            throw e
        }
        return e
    }
}

/**
 * A JsonServiceClient that records (and prints) every request it sends and every response it reads, through its
 * own requestFilter/responseFilter hooks — the refresh request and the retry included.
 */
function tracedClient(label) {
    const client = new JsonServiceClient(baseUrl)
    const wire = []
    const path = url => new URL(url).pathname
    client.requestFilter = req => {
        const auth = req.headers.get('Authorization')
        const cookies = req.headers.get('Cookie')
        wire.push({ dir: '>', method: req.method, path: path(req.url) })
        console.log(`  ${label} > ${req.method} ${path(req.url)}`
            + (auth ? ` [Authorization: ${auth.split(' ')[0]} …]` : '')
            + (cookies ? ` [Cookie: ${cookies.split(/; */).map(cookieName).join(', ')}]` : '')
            + (typeof req.body === 'string' ? ` ${redact(req.body)}` : ''))
    }
    client.responseFilter = res => {
        const set = setCookies(res.headers).map(c => cookieName(c.split(';')[0]))
        const xCookies = res.headers.get('X-Cookies')
        wire.push({ dir: '<', status: res.status, path: path(res.url) })
        console.log(`  ${label} < ${res.status} ${path(res.url)}`
            + (set.length ? ` [Set-Cookie: ${set.join(', ')}]` : '') + (xCookies ? ` [X-Cookies: ${xCookies}]` : ''))
    }
    client.wire = wire
    return client
}

/** The Set-Cookie headers one by one (Headers.getSetCookie() needs Node 18.14+; older ones join them with ", "). */
function setCookies(headers) {
    if (typeof headers.getSetCookie === 'function') {
        return headers.getSetCookie()
    }
    const joined = headers.get('set-cookie')
    return joined ? joined.split(/, (?=[^ =;]+=)/) : []
}

/** A cookie pair for the trace: its name, and its value only when it is not a token. */
function cookieName(pair) {
    const [name, value = ''] = pair.split(/=(.*)/s)
    const shown = /\s/.test(name) ? JSON.stringify(name) : name
    return value.length > 8 ? shown : `${shown}=${value}`
}

function redact(json) {
    return json.replace(/"(password|refreshToken)":"[^"]*"/g, '"$1":"…"')
}

/** The exchanges since `from` as "GET /x 401" strings, to compare with what the client should have done. */
function exchanges(client, from) {
    const out = []
    const wire = client.wire.slice(from)
    for (let i = 0; i < wire.length; i++) {
        if (wire[i].dir === '>') {
            const answer = wire.slice(i + 1).find(w => w.dir === '<')
            out.push(`${wire[i].method} ${tail(wire[i].path)} ${answer ? answer.status : '-'}`)
        }
    }
    return out
}

/** The path below the application's context root. */
function tail(path) {
    const root = new URL(baseUrl).pathname.replace(/\/$/, '')
    return path.startsWith(root) ? path.substring(root.length) : path
}

function expiryOf(jwt) {
    return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).exp
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------------------------
// Cookie mode (the server's default): the tokens travel in HttpOnly cookies, which the client keeps itself in Node
// (manageCookies) and replays in a Cookie header.
const cookies = tracedClient('cookie')
let cookieRefreshToken

await step('cookie mode: sign in with credentials (POST /api/Authenticate)', async () => {
    const response = await cookies.post(new Authenticate({ provider: 'credentials', ...USER, rememberMe: true }))
    same(response.userName, 'alice', 'userName')
    same(response.roles, ['User'], 'roles')
    check(response.bearerToken === undefined && response.refreshToken === undefined,
        'tokens must not be in the body in cookie mode: ' + JSON.stringify(response))
    check(cookies.useTokenCookie === true, 'X-Cookies: ss-reftok must switch the client to useTokenCookie')
    check(cookies.cookies['ss-tok']?.value && cookies.cookies['ss-reftok']?.value,
        'the client must hold ss-tok and ss-reftok: ' + Object.keys(cookies.cookies))
    cookieRefreshToken = cookies.cookies['ss-reftok'].value
    return 'X-Cookies set useTokenCookie; client holds ss-tok, ss-reftok'
})

await step('cookie mode: GET /user (@RolesAllowed User) with the ss-tok cookie', async () => {
    const me = await cookies.get('/user')
    same(me.caller, 'alice', 'caller')
    same(me.groups, ['User'], 'groups')
    return `caller ${me.caller}, subject ${me.subject}`
})

await step('cookie mode: GET /admin (@RolesAllowed Admin) is refused with 403, no refresh attempted', async () => {
    const from = cookies.wire.length
    const e = await rejection(cookies.get('/admin'))
    same(e?.responseStatus?.errorCode, 'Forbidden', 'errorCode')
    same(e?.responseStatus?.message, 'Invalid Role', 'message')
    same(exchanges(cookies, from), ['GET /admin 403'], 'exchanges')
    return describeError(e)
})

// Body mode: useTokenCookie:false puts bearerToken/refreshToken in the response; the application hands them to the
// client, which then sends Authorization: Bearer and, on a 401, refreshes with POST /api/GetAccessToken itself.
const bearer = tracedClient('bearer')
let firstBearerToken
let bearerRefreshToken

await step('bearer mode: sign in with useTokenCookie:false', async () => {
    const response = await bearer.post(new Authenticate({ provider: 'credentials', ...ADMIN, useTokenCookie: false }))
    check(response.bearerToken && response.refreshToken && response.refreshTokenExpiry,
        'bearerToken, refreshToken and refreshTokenExpiry must be in the body: ' + JSON.stringify(Object.keys(response)))
    same(Object.keys(bearer.cookies).filter(c => c.startsWith('ss-')), [], 'token cookies')
    bearer.bearerToken = response.bearerToken
    bearer.refreshToken = response.refreshToken
    firstBearerToken = response.bearerToken
    return `token expires in ${expiryOf(response.bearerToken) - Math.floor(Date.now() / 1000)} s`
})

await step('bearer mode: GET /admin with Authorization: Bearer', async () => {
    const me = await bearer.get('/admin')
    same(me.caller, 'admin', 'caller')
    same(me.isAdmin, true, 'isAdmin')
    return `caller ${me.caller}`
})

await step('wait until both access tokens have expired', async () => {
    const exp = Math.max(expiryOf(firstBearerToken), expiryOf(cookies.cookies['ss-tok'].value))
    const wait = exp * 1000 + 1100 - Date.now()
    check(wait < 30_000, `the access tokens live too long for this script (exp ${exp}); deploy with a short jwt.ExpireTokensIn`)
    await sleep(Math.max(0, wait))
    return `${Math.max(0, wait)} ms`
})

await step('bearer mode: expired token -> the client refreshes by itself and retries', async () => {
    const from = bearer.wire.length
    const me = await bearer.get('/admin')
    same(me.caller, 'admin', 'caller after refresh')
    same(exchanges(bearer, from), ['GET /admin 401', 'POST /api/GetAccessToken 200', 'GET /admin 200'], 'exchanges')
    check(bearer.bearerToken && bearer.bearerToken !== firstBearerToken, 'the client must hold a new bearer token')
    return 'GET 401 TokenException -> POST /api/GetAccessToken {refreshToken} -> {accessToken} -> GET 200'
})

let cookiePath
await step('cookie mode: expired ss-tok -> the request still succeeds', async () => {
    const from = cookies.wire.length
    const me = await cookies.get('/user')
    same(me.caller, 'alice', 'caller after the access token expired')
    const seen = exchanges(cookies, from)
    if (JSON.stringify(seen) === JSON.stringify(['GET /user 200'])) {
        cookiePath = 'the server refreshed transparently from ss-reftok: one GET, answered 200 with a new ss-tok'
    } else {
        same(seen, ['GET /user 401', 'POST /api/GetAccessToken 200', 'GET /user 200'], 'exchanges')
        cookiePath = 'the client refreshed: GET 401 -> POST /api/GetAccessToken {useTokenCookie:true} -> GET 200'
    }
    check(cookies.cookies['ss-reftok'].value !== cookieRefreshToken, 'the refresh token cookie must have been rotated')
    return cookiePath
})

await step('cookie mode: sign out (POST /api/AuthenticateLogout)', async () => {
    const before = cookies.cookies['ss-reftok'].value
    const response = await cookies.post(new AuthenticateLogout())
    same(response, {}, 'logout response')
    cookieRefreshToken = before
    // docs/http.md: deleting a cookie = same name, *empty* value. The client ignores Max-Age and cannot parse Expires
    // (it splits Set-Cookie on ','), so it keeps whatever value the deletion carried and replays it.
    const held = ['ss-tok', 'ss-reftok'].map(name => cookies.cookies[name]?.value ?? '')
    check(held.every(v => v === ''), 'the deletion cookies are empty, so the client holds no token after sign-out: '
        + JSON.stringify(held))
    return 'both cookies deleted'
})

await step('cookie mode: after sign-out GET /user answers 401 and the client cannot refresh', async () => {
    const from = cookies.wire.length
    const e = await rejection(cookies.get('/user'))
    const seen = exchanges(cookies, from)
    same(seen[0], 'GET /user 401', 'first exchange')
    check(!seen.some(x => x.endsWith(' 200')), 'nothing may succeed after sign-out: ' + seen)
    same(e?.type, 'RefreshTokenException', 'error type (useTokenCookie makes the client try a refresh on any 401)')
    return `${seen.join(' -> ')}; client threw ${describeError(e)}`
})

await step('cookie mode: the refresh token held before sign-out was revoked', async () => {
    const stale = tracedClient('stale')
    stale.refreshToken = cookieRefreshToken
    const from = stale.wire.length
    const e = await rejection(stale.get('/user'))
    same(exchanges(stale, from), ['GET /user 401', 'POST /api/GetAccessToken 401'], 'exchanges')
    same(e?.type, 'RefreshTokenException', 'error type')
    same(e?.responseStatus?.errorCode, 'TokenException', 'errorCode')
    same(e?.responseStatus?.message, 'Token has been invalidated', 'message')
    return describeError(e)
})

await step('bearer mode: sign out (POST /api/Authenticate provider=logout) and forget the tokens', async () => {
    const response = await bearer.post(new Authenticate({ provider: 'logout' }))
    same(response, {}, 'logout response')
    bearerRefreshToken = bearer.refreshToken
    bearer.bearerToken = null
    bearer.refreshToken = null
    // JsonServiceClient copies the bearer token into its persistent `headers` and never removes it: without this
    // line it would keep sending the last access token (still valid: JWTs are stateless until they expire).
    bearer.headers.delete('Authorization')
    return '{}'
})

await step('bearer mode: after sign-out GET /admin answers 401', async () => {
    // The logout response deleted ss-tok/ss-reftok (as ServiceStack's does), and in Node the client stores even a
    // deletion: holding an "ss-reftok" entry, it answers the 401 with a refresh attempt, which must fail.
    const from = bearer.wire.length
    const e = await rejection(bearer.get('/admin'))
    const seen = exchanges(bearer, from)
    same(seen[0], 'GET /admin 401', 'first exchange')
    check(!seen.some(x => x.endsWith(' 200')), 'nothing may succeed after sign-out: ' + seen)
    return `${seen.join(' -> ')}; client threw ${describeError(e)}`
})

await step('bearer mode: what sign-out did to the refresh token', async () => {
    // The logout request named no refresh token (ServiceStack's Authenticate/AuthenticateLogout DTOs have no field
    // for it and a bearer client has no ss-reftok cookie), so jwtauth, like ServiceStack, could not revoke it.
    const probe = tracedClient('probe')
    const response = await probe.post(new GetAccessToken({ refreshToken: bearerRefreshToken }))
    const alive = typeof response?.accessToken === 'string'
    note(alive ? 'the refresh token of a bearer-mode client still works after sign-out: the application must discard it'
        : 'the refresh token of a bearer-mode client was revoked by sign-out')
    return alive ? 'still valid' : 'revoked'
})

console.log('all steps passed')
