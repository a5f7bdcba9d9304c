import { describe, expect, it } from "vitest";
import { behaviourFromUserData, defaultBehaviour, MAX_HTTP_DELAY_MS, parseBehaviour } from "./user-data-markers";

describe("user data markers", () => {
  it("behaves normally without a marker", () => {
    expect(parseBehaviour(undefined)).toEqual(defaultBehaviour());
    expect(parseBehaviour("#!/bin/sh\necho hello\n")).toEqual({ statusChecks: "ok", httpStatus: 200, httpDelayMs: 0 });
  });

  it("reads a comment line, several tokens, and later markers over earlier ones", () => {
    const userData = "#!/bin/sh\n# hangar-sandbox: status-checks=fail http=500, http-delay=5s\n# hangar-sandbox: http=503\n";
    expect(parseBehaviour(userData)).toEqual({ statusChecks: "fail", httpStatus: 503, httpDelayMs: 5000 });
  });

  it("finds a marker inside a quoted config value", () => {
    const userData = `export APP_CONFIG='{"SANDBOX":"hangar-sandbox: http-delay=250ms"}'\nHANGAR_X="hangar-sandbox: http=500"`;
    expect(parseBehaviour(userData)).toEqual({ statusChecks: "ok", httpStatus: 500, httpDelayMs: 250 });
  });

  it("ignores unknown keys and bad values, and clamps long delays", () => {
    expect(parseBehaviour("hangar-sandbox: http=abc status-checks=maybe colour=red http-delay=soon")).toEqual(defaultBehaviour());
    expect(parseBehaviour("hangar-sandbox: http-delay=99999s").httpDelayMs).toBe(MAX_HTTP_DELAY_MS);
  });

  it("decodes base64 user data as RunInstances receives it", () => {
    const encoded = Buffer.from("# hangar-sandbox: status-checks=fail").toString("base64");
    expect(behaviourFromUserData(encoded).statusChecks).toBe("fail");
    expect(behaviourFromUserData(undefined)).toEqual(defaultBehaviour());
  });
});
