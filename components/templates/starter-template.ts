// What a new template starts from in the editor: the smallest useful template, valid as it is
// (a test publishes it through the real parser), whose comments explain each part so a first
// template can be written without the docs open.
export const STARTER_TEMPLATE = `# A Hangar template: what people fill in, what is launched, and what they get back.
# Full reference: docs/templates.md (and /api/v1/templates/schema.json for editors).
name: My dev box                  # the name people see in the catalog
description: One small VM for trying things out.

# The request form, as JSON Schema (type: object). Each property is one field.
parameters:
  type: object
  additionalProperties: false
  properties:
    size:
      type: string
      title: Size
      enum: [t3.micro, t3.small]
      default: t3.micro

# How long environments live: the default, and the most anyone may ask for (30m, 8h, 3d, 2w).
lease:
  default: 8h
  max: 3d

# What is launched: one or more groups of identical instances.
instanceGroups:
  - name: box                     # lower-case, unique in the template
    image:                        # the newest image matching this (or an AMI id: ami-...)
      owner: amazon
      name: "al2023-ami-2023.*-x86_64"
    instanceType: "\${{ params.size }}"   # \${{ ... }} inserts a parameter or env.name/id/region/team
    count: 1
    userData: |
      #!/bin/bash
      echo "hello from \${{ env.name }}"

# Values shown once the environment is ready.
outputs:
  ssh: "ssh ec2-user@\${{ instances.box[0].publicIp }}"
`;
