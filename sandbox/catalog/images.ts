// Public images the sandbox offers. As on AWS, the same image has a different id in every region
// (ids are derived from region + name), so an AMI id copied from another region is NotFound.
import { createHash } from "node:crypto";

export interface Image {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  ownerAlias?: string;
  architecture: "x86_64" | "arm64";
  creationDate: string;
  deprecationTime: string;
  rootDeviceName: string;
  snapshotId: string;
  volumeSizeGiB: number;
  bootMode?: string;
  imageLocation: string;
}

interface ImageSource {
  name: string;
  description: string;
  ownerId: string;
  ownerAlias?: string;
  architecture: "x86_64" | "arm64";
  creationDate: string;
  rootDeviceName: string;
  volumeSizeGiB: number;
  bootMode?: string;
}

const AMAZON = "137112412989";
const CANONICAL = "099720109477";
const DEBIAN = "136693071363";

function al2023(version: string, arch: "x86_64" | "arm64", created: string): ImageSource {
  return {
    name: `al2023-ami-${version}-kernel-6.1-${arch}`,
    description: `Amazon Linux 2023 AMI ${version} ${arch} HVM kernel-6.1`,
    ownerId: AMAZON,
    ownerAlias: "amazon",
    architecture: arch,
    creationDate: created,
    rootDeviceName: "/dev/xvda",
    volumeSizeGiB: 8,
    bootMode: "uefi-preferred",
  };
}

function ubuntu(arch: "x86_64" | "arm64", created: string): ImageSource {
  const deb = arch === "x86_64" ? "amd64" : "arm64";
  return {
    name: `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-${deb}-server-20261112`,
    description: `Canonical, Ubuntu, 24.04, ${deb} noble image`,
    ownerId: CANONICAL,
    architecture: arch,
    creationDate: created,
    rootDeviceName: "/dev/sda1",
    volumeSizeGiB: 8,
  };
}

function debian(arch: "x86_64" | "arm64", created: string): ImageSource {
  const deb = arch === "x86_64" ? "amd64" : "arm64";
  return {
    name: `debian-12-${deb}-20261109-2291`,
    description: "Debian 12 (20261109-2291)",
    ownerId: DEBIAN,
    architecture: arch,
    creationDate: created,
    rootDeviceName: "/dev/xvda",
    volumeSizeGiB: 8,
  };
}

const sources: readonly ImageSource[] = [
  al2023("2023.9.20261027.0", "x86_64", "2026-10-24T00:21:18.000Z"),
  al2023("2023.9.20261027.0", "arm64", "2026-10-24T00:21:09.000Z"),
  al2023("2023.9.20261110.0", "x86_64", "2026-11-07T01:52:41.000Z"),
  al2023("2023.9.20261110.0", "arm64", "2026-11-07T01:52:35.000Z"),
  ubuntu("x86_64", "2026-11-12T06:14:55.000Z"),
  ubuntu("arm64", "2026-11-12T06:14:49.000Z"),
  debian("x86_64", "2026-11-09T22:40:03.000Z"),
  debian("arm64", "2026-11-09T22:41:27.000Z"),
];

function derivedId(prefix: string, ...parts: string[]): string {
  return `${prefix}-0${createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 16)}`;
}

function deprecation(created: string): string {
  const d = new Date(created);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return d.toISOString();
}

const cache = new Map<string, Image[]>();

export function imagesIn(regionName: string): Image[] {
  let images = cache.get(regionName);
  if (images === undefined) {
    images = sources.map((s) => ({
      ...s,
      id: derivedId("ami", regionName, s.name),
      snapshotId: derivedId("snap", regionName, s.name),
      deprecationTime: deprecation(s.creationDate),
      imageLocation: s.ownerAlias === "amazon" ? `amazon/${s.name}` : `${s.ownerId}/${s.name}`,
    }));
    cache.set(regionName, images);
  }
  return images;
}

export function findImage(regionName: string, imageId: string): Image | undefined {
  return imagesIn(regionName).find((i) => i.id === imageId);
}

export const AMI_ID_RE = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
