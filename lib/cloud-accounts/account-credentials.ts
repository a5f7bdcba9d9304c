// Turns a CloudAccount row into SDK credentials. Secrets are decrypted only here, only in
// worker/web memory, and never logged or returned.
import { credentialVariableProblem, getConfig, readNamedSecret } from "../config";
import type { CloudAccount } from "../db/generated/client";
import { CloudFailure } from "../errors";
import type { AwsCredentials } from "../cloud/aws/client";
import { decryptSecret, secretContext, type EncryptionKeys } from "../security/secret-box";

export type AccountWithSecret = CloudAccount & { secretAccessKeyEnc: string | null };

/** The account's credentials cannot be had: something an administrator must fix, so a run fails at once rather than retrying. */
export class CredentialsUnavailable extends CloudFailure {}

/**
 * The key pair an `env` account names. A name outside the operator's prefix (an account stored
 * before the prefix existed, or a prefix changed since) is refused without reading it.
 */
function fromEnvironment(account: AccountWithSecret, prefix: string): AwsCredentials {
  const names = [account.accessKeyIdEnv, account.secretAccessKeyEnv];
  for (const name of names) {
    const problem = name ? credentialVariableProblem(name, prefix) : "is not set on the account";
    if (problem) {
      throw new CredentialsUnavailable(`Cloud account ${account.name}: credential variable ${name ?? "(none)"} ${problem}; an administrator must rename it (see HANGAR_CREDENTIAL_ENV_PREFIX)`);
    }
  }
  const accessKeyId = readNamedSecret(account.accessKeyIdEnv!, prefix);
  const secretAccessKey = readNamedSecret(account.secretAccessKeyEnv!, prefix);
  if (!accessKeyId || !secretAccessKey) {
    throw new CredentialsUnavailable(`Cloud account ${account.name}: environment variables ${account.accessKeyIdEnv} / ${account.secretAccessKeyEnv} are not set in this process`);
  }
  return { accessKeyId, secretAccessKey };
}

/** undefined = use the SDK's default credential chain (instance role, env, shared files). */
export function credentialsFor(account: AccountWithSecret, encryptionKey: EncryptionKeys, prefix: string = getConfig().HANGAR_CREDENTIAL_ENV_PREFIX): AwsCredentials | undefined {
  switch (account.credentialSource) {
    case "default_chain":
      return undefined;
    case "static": {
      if (!account.accessKeyId || !account.secretAccessKeyEnc) throw new CredentialsUnavailable(`Cloud account ${account.name} has no stored key pair`);
      let secretAccessKey: string;
      try {
        secretAccessKey = decryptSecret(account.secretAccessKeyEnc, encryptionKey, secretContext("CloudAccount", "secretAccessKeyEnc", account.id));
      } catch {
        throw new CredentialsUnavailable(`Cloud account ${account.name}: its stored secret cannot be read with HANGAR_ENCRYPTION_KEY (or HANGAR_ENCRYPTION_KEY_PREVIOUS); enter the key pair again`);
      }
      return { accessKeyId: account.accessKeyId, secretAccessKey };
    }
    case "env":
      return fromEnvironment(account, prefix);
  }
}
