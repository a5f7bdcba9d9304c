import { describe, expect, it } from "vitest";
import { isDebianLike, planChromiumInstall, type ChromiumFacts } from "./chromium-install";

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

const facts = (overrides: Partial<ChromiumFacts> = {}): ChromiumFacts => ({
  chromiumPath: "/usr/bin/chromium",
  present: false,
  pathFromEnv: false,
  platform: "linux",
  uid: 1000,
  passwordlessSudo: false,
  osRelease: DEBIAN,
  ...overrides,
});

describe("planChromiumInstall", () => {
  it("does nothing when Chromium is there", () => {
    expect(planChromiumInstall(facts({ present: true, uid: 0 }))).toEqual({ action: "ready" });
  });

  it("installs with apt-get as root on Debian and Ubuntu", () => {
    for (const osRelease of [DEBIAN, UBUNTU]) {
      expect(planChromiumInstall(facts({ uid: 0, osRelease }))).toEqual({
        action: "install",
        commands: [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]],
        shown: "apt-get update && apt-get install -y chromium",
      });
    }
  });

  it("installs through sudo -n when sudo needs no password", () => {
    const plan = planChromiumInstall(facts({ passwordlessSudo: true, osRelease: UBUNTU }));
    expect(plan).toEqual({
      action: "install",
      commands: [["sudo", "-n", "apt-get", "update"], ["sudo", "-n", "apt-get", "install", "-y", "chromium"]],
      shown: "sudo -n apt-get update && sudo -n apt-get install -y chromium",
    });
  });

  it("stops with the one command to run when it would need a password", () => {
    const plan = planChromiumInstall(facts({ passwordlessSudo: false }));
    expect(plan.action).toBe("stop");
    expect(plan.action === "stop" && plan.message).toContain("\n  sudo apt-get update && sudo apt-get install -y chromium\n");
  });

  it("never installs off Debian/Ubuntu, or when E2E_CHROMIUM_PATH names a missing file", () => {
    expect(planChromiumInstall(facts({ uid: 0, osRelease: FEDORA })).action).toBe("stop");
    expect(planChromiumInstall(facts({ uid: 0, osRelease: null })).action).toBe("stop");
    const mac = planChromiumInstall(facts({ platform: "darwin", osRelease: null, passwordlessSudo: true }));
    expect(mac.action === "stop" && mac.message).toContain("brew install --cask chromium && E2E_CHROMIUM_PATH=");
    const named = planChromiumInstall(facts({ uid: 0, pathFromEnv: true, chromiumPath: "/opt/chrome" }));
    expect(named.action === "stop" && named.message).toContain("E2E_CHROMIUM_PATH is /opt/chrome");
  });

  it("recognises Debian derivatives by ID_LIKE", () => {
    expect(isDebianLike(MINT)).toBe(true);
    expect(isDebianLike(FEDORA)).toBe(false);
    expect(isDebianLike("")).toBe(false);
  });
});
