import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  /** 1234.5 → "1,234.5" / "1.234,5". */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Milliseconds with the unit: "350 ms", "1.2 s" / "1,2 s". */
  duration(ms: number): string;
  /** Bytes with a binary unit: "9.5 MB" / "9,5 MB". */
  bytes(value: number): string;
  /** Date only: "Mar 5, 2036" / "05.03.2036". */
  date(value: Date | string | number): string;
  /** Date and time, medium date and time with seconds. */
  dateTime(value: Date | string | number): string;
  /** Wall-clock time with milliseconds, as log lines need it. */
  timeWithMs(value: Date | string | number): string;
}

function toDate(value: Date | string | number): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Intl formatting in one language; the hook below binds it to the active UI language. */
export function formattersFor(language: string): Formatters {
  const number = (value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(language, options).format(value);
  return {
    number,
    // SI symbols read the same in both languages and do not change with the ICU version of the runtime.
    // Rounded before the unit is chosen: 999.7 ms is "1 s", not "1,000 ms".
    duration: (ms) => (Math.round(ms) < 1000 ? `${number(Math.round(ms))} ms` : `${number(ms / 1000, { maximumFractionDigits: 1 })} s`),
    bytes: (value) => {
      const units = ['B', 'KB', 'MB', 'GB'] as const;
      let scaled = value;
      let index = 0;
      while (scaled >= 1024 && index < units.length - 1) {
        scaled /= 1024;
        index += 1;
      }
      return `${number(scaled, { maximumFractionDigits: index === 0 ? 0 : 1 })} ${units[index]}`;
    },
    date: (value) => {
      const date = toDate(value);
      return date ? new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date) : String(value);
    },
    dateTime: (value) => {
      const date = toDate(value);
      return date ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date) : String(value);
    },
    timeWithMs: (value) => {
      const date = toDate(value);
      if (!date) return String(value);
      return new Intl.DateTimeFormat(language, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        fractionalSecondDigits: 3,
        hour12: false,
      }).format(date);
    },
  };
}

/** Formatters in the active UI language; components re-render when it changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => formattersFor(language), [language]);
}
