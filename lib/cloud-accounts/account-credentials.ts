// Turns a CloudAccount row into SDK credentials. Secrets are decrypted only here, only in
// worker/web memory, and never logged or returned.
import { readNamedSecret } from "../config";
import type { CloudAccount } from "../db/generated/client";
import type { AwsCredentials } from "../cloud/aws/client";
import { decryptSecret } from "../security/secret-box";

export type AccountWithSecret = CloudAccount & { secretAccessKeyEnc: string | null };

export class CredentialsUnavailable extends Error {}

/** undefined = use the SDK's default credential chain (instance role, env, shared files). */
export function credentialsFor(account: AccountWithSecret, encryptionKey: string): AwsCredentials | undefined {
  switch (account.credentialSource) {
    case "default_chain":
      return undefined;
    case "static": {
      if (!account.accessKeyId || !account.secretAccessKeyEnc) throw new CredentialsUnavailable(`Cloud account ${account.name} has no stored key pair`);
      return { accessKeyId: account.accessKeyId, secretAccessKey: decryptSecret(account.secretAccessKeyEnc, encryptionKey) };
    }
    case "env": {
      const accessKeyId = account.accessKeyIdEnv ? readNamedSecret(account.accessKeyIdEnv) : undefined;
      const secretAccessKey = account.secretAccessKeyEnv ? readNamedSecret(account.secretAccessKeyEnv) : undefined;
      if (!accessKeyId || !secretAccessKey) {
        throw new CredentialsUnavailable(`Cloud account ${account.name}: environment variables ${account.accessKeyIdEnv} / ${account.secretAccessKeyEnv} are not set in this process`);
      }
      return { accessKeyId, secretAccessKey };
    }
  }
}
