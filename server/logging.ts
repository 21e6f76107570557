// How the server logs: one JSON object per line for log collectors, or readable lines (pino-pretty) for a
// person at a terminal. LOG_FORMAT=auto picks by whether stdout is a terminal; pretty needs pino-pretty
// installed (a development dependency) and falls back to JSON without it.
import { createRequire } from 'node:module'
import type { ServerConfig } from './config'

const hasPinoPretty = (() => {
  try {
    createRequire(import.meta.url).resolve('pino-pretty')
    return true
  } catch {
    return false
  }
})()

/** Whether this process should print readable log lines. */
export function isPrettyLogging(
  format: ServerConfig['logFormat'],
  isTerminal = Boolean(process.stdout.isTTY),
): boolean {
  if (format === 'json' || !hasPinoPretty) return false
  return format === 'pretty' || isTerminal
}

/** Fastify's logger options for this configuration. */
export function loggerOptions(
  config: Pick<ServerConfig, 'logLevel' | 'logFormat'>,
  redact: string[],
  isTerminal?: boolean,
) {
  const base = { level: config.logLevel, redact }
  if (!isPrettyLogging(config.logFormat, isTerminal)) return base
  return {
    ...base,
    transport: {
      target: 'pino-pretty',
      options: {
        colorize: isTerminal ?? Boolean(process.stdout.isTTY),
        translateTime: 'HH:MM:ss',
        ignore: 'pid,hostname',
      },
    },
  }
}
