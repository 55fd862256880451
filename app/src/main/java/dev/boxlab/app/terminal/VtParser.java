package dev.boxlab.app.terminal;

/**
 * The first half of an xterm: the bytes a pty gives, decoded as UTF-8 (a character split between
 * two reads is fine), cut into what they mean (a character to print, a control, an escape or control
 * sequence, an OS command) by the state machine of ECMA-48 and the DEC terminals. What each one does
 * is the {@link Handler}'s business ({@link VtScreen}); sequences nobody knows are consumed whole.
 *
 * <p>Not thread-safe: its screen calls it under its own lock.
 */
final class VtParser {
    /** What the parser found, in order. */
    interface Handler {
        /** A character to print (a code point of 0x20 or more, DEL excepted). */
        void print(int c);

        /** A C0 control other than ESC (or DEL), also when it comes inside a control sequence, as on a VT100. */
        void control(int c);

        /** {@code ESC c} for a final {@code c} that starts no longer sequence. */
        void escape(int c);

        /** {@code ESC inter c}: character sets ({@code (}, {@code )}), DECALN ({@code # 8}) and friends. */
        void escapeIntermediate(char inter, int c);

        /** A complete control sequence. */
        void csi(Csi csi);

        /** A complete OS command ({@code ESC ] text BEL} or {@code ESC ] text ESC \}). */
        void osc(String text);
    }

    /** A control sequence: {@code ESC [ params inter final}. */
    record Csi(String params, char inter, char finalByte) {
        /** The private marker ({@code ?}, {@code >}, {@code <}, {@code =}) that starts the parameters, or 0. */
        char priv() {
            return params.isEmpty() ? 0 : params.charAt(0);
        }

        /** The numbers, at least {@code defaults} of them (missing ones 0), each at least {@code min}. */
        int[] numbers(int defaults, int min) {
            String p = params;
            if (!p.isEmpty() && (p.charAt(0) == '?' || p.charAt(0) == '>' || p.charAt(0) == '<' || p.charAt(0) == '=')) {
                p = p.substring(1);
            }
            String[] parts = p.split("[;:]", -1);
            int[] out = new int[Math.max(defaults, parts.length)];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    out[i] = 0;
                }
            }
            for (int i = 0; i < out.length && min > 0; i++) {
                out[i] = Math.max(min, out[i]);
            }
            return out;
        }

        /** The first number, 1 if missing or 0 (a count or a position). */
        int n1() {
            return numbers(1, 1)[0];
        }

        /** The first number, 0 if missing (a mode or a selector). */
        int n0() {
            return numbers(1, 0)[0];
        }
    }

    private enum State { GROUND, ESC, ESC_INTER, CSI, OSC, OSC_ESC, STRING, STRING_ESC }

    private final Handler handler;
    private State state = State.GROUND;
    private final StringBuilder params = new StringBuilder();
    private char inter;
    private final StringBuilder osc = new StringBuilder();
    private int utfNeed;
    private int utfCode;

    VtParser(Handler handler) {
        this.handler = handler;
    }

    /** Interprets bytes from the pty. */
    void feed(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xff;
            if (utfNeed > 0) {
                if ((v & 0xc0) == 0x80) {
                    utfCode = (utfCode << 6) | (v & 0x3f);
                    if (--utfNeed == 0) {
                        codePoint(utfCode);
                    }
                    continue;
                }
                utfNeed = 0;
                codePoint(0xfffd);
            }
            if (v < 0x80) {
                codePoint(v);
            } else if ((v & 0xe0) == 0xc0) {
                utfNeed = 1;
                utfCode = v & 0x1f;
            } else if ((v & 0xf0) == 0xe0) {
                utfNeed = 2;
                utfCode = v & 0x0f;
            } else if ((v & 0xf8) == 0xf0) {
                utfNeed = 3;
                utfCode = v & 0x07;
            } else {
                codePoint(0xfffd);
            }
        }
    }

    private void codePoint(int c) {
        switch (state) {
            case GROUND -> ground(c);
            case ESC -> escape(c);
            case ESC_INTER -> {
                state = State.GROUND;
                handler.escapeIntermediate(inter, c);
            }
            case CSI -> csiByte(c);
            case OSC -> {
                if (c == 7) {
                    endOsc();
                } else if (c == 27) {
                    state = State.OSC_ESC;
                } else if (osc.length() < 4096) {
                    osc.appendCodePoint(c);
                }
            }
            case OSC_ESC -> {
                if (c == '\\') {
                    endOsc();
                } else {
                    state = State.OSC;
                }
            }
            case STRING -> {
                if (c == 27) {
                    state = State.STRING_ESC;
                } else if (c == 7) {
                    state = State.GROUND;
                }
            }
            case STRING_ESC -> state = c == '\\' ? State.GROUND : State.STRING;
        }
    }

    private void ground(int c) {
        if (c == 27) {
            startSequence(State.ESC);
        } else if (c < 0x20 || c == 0x7f) {
            handler.control(c);
        } else {
            handler.print(c);
        }
    }

    private void startSequence(State next) {
        state = next;
        params.setLength(0);
        inter = 0;
    }

    private void escape(int c) {
        state = State.GROUND;
        switch (c) {
            case '[' -> startSequence(State.CSI);
            case ']' -> {
                state = State.OSC;
                osc.setLength(0);
            }
            case 'P', 'X', '^', '_' -> state = State.STRING;
            case '(', ')', '#', '%', ' ', '*', '+' -> {
                inter = (char) c;
                state = State.ESC_INTER;
            }
            default -> handler.escape(c);
        }
    }

    private void csiByte(int c) {
        if (c >= 0x30 && c <= 0x3f) {
            if (params.length() < 256) {
                params.append((char) c);
            }
        } else if (c >= 0x20 && c <= 0x2f) {
            inter = (char) c;
        } else if (c >= 0x40 && c <= 0x7e) {
            state = State.GROUND;
            handler.csi(new Csi(params.toString(), inter, (char) c));
        } else if (c == 27) {
            state = State.ESC;
        } else if (c < 0x20) {
            handler.control(c);
        } else {
            state = State.GROUND;
        }
    }

    private void endOsc() {
        state = State.GROUND;
        handler.osc(osc.toString());
    }
}
