import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const KEY_ID = /^[0-9A-Za-z]{12}$/;
const MAX_LIST = 500;

/** For fields that may be left out but not cleared: `null` is validated (and refused). */
function isPresent(_: object, value: unknown): boolean {
  return value !== undefined;
}

/** Budget caps in USD; an absent cap means no limit for that window. */
export class BudgetsDto {
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) daily_usd?: number | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) weekly_usd?: number | null;
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) monthly_usd?: number | null;
}

/** The settings a key carries beyond its name and lifetime (shared by create and update). */
export class KeySettingsDto {
  /** Model groups the key may call; absent: all. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  models?: string[] | null;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => BudgetsDto) budgets?: BudgetsDto | null;

  @IsOptional() @IsInt() @Min(1) rpm_limit?: number | null;
  @IsOptional() @IsInt() @Min(1) tpm_limit?: number | null;
  @IsOptional() @IsObject() metadata?: Record<string, unknown> | null;
  /** Shield policy override for this key (validated by Shield when applied). */
  @IsOptional() @IsObject() shield?: Record<string, unknown> | null;
  /** Gateway tools the key may use; absent: all the model offers. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  tools?: string[] | null;
}

export class CreateKeyDto extends KeySettingsDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  /** Lifetime in seconds; capped by `keys.max_ttl_seconds`. */
  @IsInt() @Min(1) ttl_seconds!: number;
}

/** PATCH: an absent field stays as it is; `null` clears an optional setting. */
export class UpdateKeyDto extends KeySettingsDto {
  @ValidateIf(isPresent) @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  /** New lifetime counted from now; capped by `keys.max_ttl_seconds`. */
  @ValidateIf(isPresent) @IsInt() @Min(1) ttl_seconds?: number;
}

export class RotateKeyDto {
  /** How long the previous secret keeps working (0: not at all). */
  @IsOptional() @IsInt() @Min(0) grace_seconds?: number;
}

export class KeyIdDto {
  @IsString() @Matches(KEY_ID, { message: 'id must be a key id (12 letters or digits)' }) id!: string;
}

export class UpdateKeyRequest extends UpdateKeyDto {
  @IsString() @Matches(KEY_ID, { message: 'id must be a key id (12 letters or digits)' }) id!: string;
}

export class RotateKeyRequest extends RotateKeyDto {
  @IsString() @Matches(KEY_ID, { message: 'id must be a key id (12 letters or digits)' }) id!: string;
}

export class ListKeysDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIST) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class SpendEntryDto {
  @IsString() @Matches(KEY_ID, { message: 'key_id must be a key id (12 letters or digits)' }) key_id!: string;
  @IsIn(['day', 'week', 'month']) window!: 'day' | 'week' | 'month';
  /** `YYYY-MM-DD`, the UTC start of the window. */
  @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) window_start!: string;
  @IsInt() @Min(0) micro_usd!: number;
}

export class RecordSpendDto {
  /** Names the batch, so one sent again (its reply lost) is added once. */
  @IsUUID() batch_id!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => SpendEntryDto) entries!: SpendEntryDto[];
}
