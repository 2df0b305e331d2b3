// More fake, format-valid provider tokens: the other token types of each provider (none is a real credential).

// GitHub user-to-server token
// ruleid: secret-github-token
export const MORE_1 = "ghu_8HlrwYMfvea9lkxwkkMxzwwM5hpA6eEfujfo";
// GitHub App installation token
// ruleid: secret-github-token
export const MORE_2 = "ghs_Rnxa6wHW35PBbnm3NliqNT1Nx4xyB7LQ4DBq";
// GitHub refresh token
// ruleid: secret-github-token
export const MORE_3 = "ghr_HboMSp4DTHEzEDh2QFLVxZXSezhDvt2gl8t7";
// GitLab pipeline trigger token
// ruleid: secret-gitlab-token
export const MORE_4 = "glptt-680cbf9a0f4d4f7f3b2c9780175e3ff9918f2191";
// GitLab runner authentication token
// ruleid: secret-gitlab-token
export const MORE_5 = "glrt-SmdNHnccmyZonkP5GYIR";
// GitLab runner registration token (legacy)
// ruleid: secret-gitlab-token
export const MORE_6 = "GR1348941kt5srlSHfWGX0h9JKN7E";
// GitLab SCIM OAuth token
// ruleid: secret-gitlab-token
export const MORE_7 = "glsoat-28r4unICHo1mYQ9qB24g";
// GitLab CI/CD job token
// ruleid: secret-gitlab-token
export const MORE_8 = "glcbt-70_K7lZpZso8urnMWy2xdKb";
// Slack user token
// ruleid: secret-slack-token
export const MORE_9 = "xoxp-39479657296-496551297815-8672263298318-b73d93a3c91b089f7f6bc9ffbe57a996";
// Discord bot token
// ruleid: secret-messaging-token
export const MORE_10 = "M1sCIvaUojhbOIDYvGmZ4qTO.WIsYy2.e2CnjTaDjgzdWu252SYlE4Ivwpm";
// Twilio API key
// ruleid: secret-messaging-token
export const MORE_11 = "SK2d8897c0d4aed5f110c85a1c381e532a";
// Shopify shared secret
// ruleid: secret-saas-token
export const MORE_12 = "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";
// DigitalOcean OAuth token
// ruleid: secret-saas-token
export const MORE_13 = "doo_v1_1f70228e972f4e2359ffb74e8d88e0e927f7ff16909dea770a44231961c406d9";
// Vault batch token
// ruleid: secret-saas-token
export const MORE_14 = "hvb.PNq18zPzRZ5YRBkYLXVbth5cmJTEvNhjbZhptoYLAlOnLY4QHcFwXR1dz1ZsgbDxtLVuT5HTpta4OKzpzVwIayh43vh7yViqWEPPlihj1MTrdHsxPvrwDXKE";
// Hugging Face organization token
// ruleid: secret-ai-platform-token
export const MORE_15 = "api_org_rhtRFKs2K9ffDVS35PnmbjUPULnPyx8ZuT";
// OpenAI service-account key
// ruleid: secret-openai-key
export const MORE_16 = "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";

// The AWS secret key comes from the environment or the default provider chain.
export const awsCredentials = {
  accessKeyId: process.env.AWS_ACCESS_KEY_ID,
  // ok: secret-aws-secret-access-key
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
};
// ok: secret-aws-secret-access-key
export const AWS_SECRET_ACCESS_KEY = "<your-aws-secret-access-key-goes-here-40>";
