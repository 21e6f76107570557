// Server-side request forgery guard for webhook URLs: https only (http to loopback in test mode), and no
// private, link-local or loopback address unless the operator allows it. Checked when an endpoint is
// saved (the name is resolved) and again at connect time (the address the socket actually dials), so a
// name that re-resolves to an internal address later is still refused.
import { BlockList, isIP } from 'node:net'
import { lookup } from 'node:dns/promises'
import type { WebhookConfig } from '../config'

export type UrlPolicy = Pick<WebhookConfig, 'allowLoopback' | 'allowPrivateNetworks'>

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

// Everything that is not the public internet: RFC 1918, CGNAT, link-local (cloud metadata), unspecified,
// multicast, reserved, unique-local and link-local IPv6, documentation ranges.
const nonPublic = new BlockList()
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(net, bits, 'ipv4')
for (const [net, bits] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const)
  nonPublic.addSubnet(net, bits, 'ipv6')

export class WebhookUrlError extends Error {
  override name = 'WebhookUrlError'
}

/** ::ffff:10.0.0.1 is 10.0.0.1. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return { address: mapped[1]!, family: 'ipv4' }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' }
}

export const isLoopbackAddress = (raw: string) => {
  const { address, family } = normalise(raw)
  return loopback.check(address, family)
}

/** Why this address may not be dialled, or null when it may. */
export function refusedAddress(raw: string, policy: UrlPolicy): string | null {
  const { address, family } = normalise(raw)
  if (loopback.check(address, family)) return policy.allowLoopback ? null : `${raw} is a loopback address`
  if (nonPublic.check(address, family) && !policy.allowPrivateNetworks)
    return `${raw} is a private, link-local or reserved address`
  return null
}

/** Checks a URL's form and every address its host resolves to; throws WebhookUrlError with the reason. */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new WebhookUrlError('The url is not a valid absolute URL.')
  }
  if (url.username || url.password) throw new WebhookUrlError('The url may not carry credentials.')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlError('The url must use https.')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  if (isIP(host)) addresses = [host]
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)
    } catch {
      throw new WebhookUrlError(`The url's host ${host} does not resolve.`)
    }
  }
  if (!addresses.length) throw new WebhookUrlError(`The url's host ${host} does not resolve.`)
  for (const address of addresses) {
    const reason = refusedAddress(address, policy)
    if (reason) throw new WebhookUrlError(`The url is refused: ${reason}.`)
  }
  if (url.protocol === 'http:' && !(policy.allowLoopback && addresses.every(isLoopbackAddress))) {
    throw new WebhookUrlError('The url must use https (http is allowed only to loopback in test mode).')
  }
  return url
}
